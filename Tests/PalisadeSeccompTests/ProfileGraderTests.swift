import PalisadeCore
import PalisadeSeccomp
import Testing

@Suite struct ProfileGraderTests {
    let grader = ProfileGrader(architectures: [.x86_64])

    func ids(_ findings: [Finding]) -> [String] { findings.map(\.ruleId).sorted() }

    @Test func dockersDefaultGradesClean() {
        #expect(grader.grade(RuntimeDefaultProfile.profile, file: "docker.json").isEmpty)
    }

    @Test func defaultAllowIsHigh() throws {
        let profile = try SeccompFixtures.parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}")
        let findings = grader.grade(profile, file: "p.json")
        let allow = try #require(findings.first { $0.ruleId == "SECCOMP-DEFAULT-ALLOW" })
        #expect(allow.severity == .high)
        #expect(allow.location.line == 1 && allow.location.path == "defaultAction")
        // A deny-list leaves every dangerous syscall open.
        let dangerous = Set(findings.filter { $0.ruleId == "SECCOMP-DANGEROUS-SYSCALL" }.compactMap(\.evidence))
        #expect(dangerous.isSuperset(of: ["ptrace", "mount", "unshare", "bpf", "keyctl", "kexec_load"]))
    }

    @Test func defaultLogIsMedium() throws {
        let profile = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_LOG\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
        )
        #expect(grader.grade(profile, file: "p.json").contains { $0.ruleId == "SECCOMP-DEFAULT-LOG" })
    }

    @Test func dangerousSyscallsPointAtTheirName() throws {
        let profile = try SeccompFixtures.parse(
            """
            {
              "defaultAction": "SCMP_ACT_ERRNO",
              "syscalls": [
                {"names": ["read", "write",
                           "ptrace",
                           "userfaultfd"], "action": "SCMP_ACT_ALLOW"}
              ]
            }
            """)
        let findings = grader.grade(profile, file: "p.json").filter { $0.ruleId == "SECCOMP-DANGEROUS-SYSCALL" }
        #expect(findings.compactMap(\.evidence).sorted() == ["ptrace", "userfaultfd"])
        let ptrace = try #require(findings.first { $0.evidence == "ptrace" })
        #expect(ptrace.location.line == 5)
        #expect(ptrace.location.path == "syscalls[0].names[2]")
        #expect(ptrace.message.contains("the Docker default denies"))
    }

    @Test func containersCommonOpensWhatDockerCloses() throws {
        let findings = grader.grade(try SeccompFixtures.containersCommon, file: "seccomp.json")
        let dangerous = Set(findings.filter { $0.ruleId == "SECCOMP-DANGEROUS-SYSCALL" }.compactMap(\.evidence))
        #expect(dangerous.isSuperset(of: ["mount", "ptrace", "unshare", "clone3", "setns", "keyctl"]))
        #expect(findings.contains { $0.ruleId == "SECCOMP-ARGS-WIDENED" && $0.evidence == "clone" })
    }

    @Test func anotherBaselineChangesTheVerdict() throws {
        let common = try SeccompFixtures.containersCommon
        let profile = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"mount\", \"bpf\"] + "
                .replacingOccurrences(of: " + ", with: "")
                + ", \"action\": \"SCMP_ACT_ALLOW\"}]}")
        let againstPodman = ProfileGrader(baseline: common, baselineName: "podman", architectures: [.x86_64])
        let dangerous = againstPodman.grade(profile, file: "p.json").filter { $0.ruleId == "SECCOMP-DANGEROUS-SYSCALL" }
        // Podman's default allows mount (it relies on capabilities), not bpf without CAP_SYS_ADMIN.
        #expect(dangerous.compactMap(\.evidence) == ["bpf"])
    }

    @Test func conditionsAndCapabilitiesMatter() throws {
        // personality with Docker's own conditions is fine; without them it is widened.
        let conditioned = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
              {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]}
            ]}
            """)
        #expect(!grader.grade(conditioned, file: "p.json").contains { $0.ruleId == "SECCOMP-ARGS-WIDENED" })
        let open = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"personality\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
        )
        #expect(grader.grade(open, file: "p.json").contains { $0.ruleId == "SECCOMP-ARGS-WIDENED" })
        // mount gated by CAP_SYS_ADMIN is not open for a default container.
        let gated = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
              {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}
            ]}
            """)
        #expect(!grader.grade(gated, file: "p.json").contains { $0.ruleId == "SECCOMP-DANGEROUS-SYSCALL" })
    }

    @Test func unknownNamesActionsAndArchitectures() throws {
        let profile = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_Z80"],
             "syscalls": [
              {"names": ["read", "reed"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["write"], "action": "SCMP_ACT_MAYBE"},
              {"names": ["openat"], "action": "SCMP_ACT_NOTIFY"}
            ]}
            """)
        let findings = grader.grade(profile, file: "p.json")
        #expect(findings.contains { $0.ruleId == "SECCOMP-UNKNOWN-SYSCALL" && $0.message.contains("\"reed\"") })
        #expect(!findings.contains { $0.ruleId == "SECCOMP-UNKNOWN-SYSCALL" && $0.message.contains("\"read\"") })
        #expect(
            findings.contains { $0.ruleId == "SECCOMP-UNKNOWN-ARCHITECTURE" && $0.message.contains("SCMP_ARCH_Z80") })
        let actions = findings.filter { $0.ruleId == "SECCOMP-UNSUPPORTED-ACTION" }.map(\.message)
        #expect(actions.count == 2)
        #expect(actions.contains { $0.contains("SCMP_ACT_MAYBE") })
        #expect(actions.contains { $0.contains("listenerPath") })
    }

    @Test func allowListsWithoutTheRuntimeMinimumCannotStart() throws {
        let profile = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
        )
        let finding = try #require(
            grader.grade(profile, file: "p.json").first { $0.ruleId == "SECCOMP-MISSING-RUNTIME-MINIMUM" })
        #expect(finding.message.contains("execve"))
        #expect(!finding.message.contains("read,"))
    }

    @Test func beyondDefaultListsOrdinarySyscallsOnce() throws {
        // vhangup is dangerous-listed; "lookup_dcookie" too; pick plain ones the default lacks.
        let profile = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
              {"names": ["read", "write", "kcmp"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["nfsservctl", "get_kernel_syms"], "action": "SCMP_ACT_ALLOW"}
            ]}
            """)
        let findings = grader.grade(profile, file: "p.json")
        let beyond = findings.filter { $0.ruleId == "SECCOMP-BEYOND-DEFAULT" }
        #expect(beyond.count == 1)
        #expect(beyond.first?.message.contains("get_kernel_syms") == true)
    }
}
