import PalisadeCore
import PalisadeFormats
import PalisadeSeccomp
import Testing

@Suite struct SeccompProfileReaderTests {
    @Test func readsDockersDefaultProfile() {
        let profile = RuntimeDefaultProfile.profile
        #expect(profile.defaultAction == .errno)
        #expect(profile.defaultErrnoRet == 1)
        #expect(profile.archMap.first?.architecture == "SCMP_ARCH_X86_64")
        #expect(profile.archMap.first?.subArchitectures == ["SCMP_ARCH_X86", "SCMP_ARCH_X32"])
        #expect(profile.syscalls.count == 33)
        #expect(profile.syscalls[0].names.count == 361)
        let socket = profile.syscalls.first { $0.names == ["socket"] }
        #expect(socket?.args == [ArgumentCondition(index: 0, value: 38, op: .lessThan)])
        let clone3 = profile.syscalls.first { $0.names == ["clone3"] && $0.action == .errno }
        #expect(clone3?.errnoRet == 38)
        #expect(clone3?.excludes?.caps == ["CAP_SYS_ADMIN"])
    }

    @Test func readsThePre2017NameForm() throws {
        let profile = try SeccompFixtures.profile("moby-profiles/default-old-format.json")
        #expect(profile.architectures == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"])
        #expect(profile.syscalls.first?.names == ["accept"])
        #expect(profile.syscalls.contains { $0.names == ["socket"] })
    }

    @Test func readsIncludesAndExcludes() throws {
        let profile = try SeccompFixtures.profile("moby-profiles/conditional_include.json")
        #expect(profile.syscalls.map(\.names) == [["chmod"], ["syslog"], ["ptrace"]])
        #expect(profile.syscalls[1].includes?.caps == ["CAP_SYSLOG"])
        #expect(profile.syscalls[2].excludes?.caps == ["CAP_SYS_ADMIN"])
    }

    @Test func keepsPositionsOfNamesAndDefaultAction() throws {
        let profile = try SeccompFixtures.parse(
            """
            {
              "defaultAction": "SCMP_ACT_ERRNO",
              "syscalls": [
                {"names": ["read",
                           "ptrace"], "action": "SCMP_ACT_ALLOW"}
              ]
            }
            """)
        #expect(profile.defaultActionMark.line == 2)
        #expect(profile.syscalls[0].nameMarks.map(\.line) == [4, 5])
    }

    @Test(arguments: ["embedded", "containers-common/seccomp.json", "moby-profiles/default-old-format.json"])
    func dockerJSONRoundTrips(_ source: String) throws {
        let profile = source == "embedded" ? RuntimeDefaultProfile.profile : try SeccompFixtures.profile(source)
        let written = SeccompProfileWriter.dockerJSON(profile)
        let again = try SeccompFixtures.parse(written)
        #expect(again == profile)
        // The writer's JSON is also valid for a strict JSON parser.
        _ = try JSONTreeParser().parse(Array(written.utf8), file: "written.json")
    }

    @Test func securityProfilesOperatorObjectReadsBack() throws {
        let profile = try SeccompFixtures.containersCommon
        let yaml = SeccompProfileWriter.securityProfilesOperator(profile, name: "web", namespace: "shop")
        #expect(yaml.hasPrefix("apiVersion: security-profiles-operator.x-k8s.io/v1beta1\nkind: SeccompProfile\n"))
        #expect(yaml.contains("  name: web\n  namespace: shop\n"))
        let again = try SeccompFixtures.parse(yaml, file: "spo.yaml")
        #expect(again.defaultAction == profile.defaultAction)
        #expect(again.allArchitectures == profile.allArchitectures)
        #expect(again.syscalls.map(\.names) == profile.syscalls.map(\.names))
        #expect(again.syscalls.map(\.args) == profile.syscalls.map(\.args))
    }

    @Test func localhostSnippetPointsAtTheProfile() {
        let snippet = SeccompProfileWriter.localhostSnippet(localhostProfile: "profiles/web.json")
        #expect(snippet.contains("seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/web.json\n"))
    }

    @Test(arguments: [
        ("", "1:1: empty file"),
        ("[]", "1:1: expected a JSON object"),
        ("{\"syscalls\": []}", "1:1: missing defaultAction"),
        ("{\"defaultAction\": [3], \"syscalls\": []}", "found a list"),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": {}}", "syscalls must be a list"),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"action\": \"SCMP_ACT_ALLOW\"}]}", "has no names"),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"]}]}", "has no action"),
        (
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [1], \"action\": \"SCMP_ACT_ALLOW\"}]}",
            "names must be a list of strings"
        ),
        (
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}", "index must be 0 to 5"
        ),
        (
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_XX\"}]}]}",
            "unknown comparison SCMP_CMP_XX"
        ),
        (
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
                + " \"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}", "unsigned 64-bit"
        ),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 70000}", "between 0 and 65535"),
        ("{\"defaultAction\": \"SCMP_ACT_ERRNO\",}", "1:"),
    ])
    func badProfilesGiveOnePositionedError(_ input: String, _ expected: String) {
        do {
            _ = try SeccompFixtures.parse(input)
            Issue.record("accepted: \(input)")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix("test.json"))
            #expect(text.contains(expected), "\(text)")
        }
    }

    @Test func keepsUnknownActionsForCheckToReport() throws {
        let profile = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_BOGUS\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"X\"}]}")
        #expect(!profile.defaultAction.isKnown)
        #expect(profile.syscalls[0].action.rawValue == "X")
    }

    /// Mutated profiles (bytes flipped, cut, duplicated) either read or give an InputError; never a crash.
    @Test func mutatedProfilesNeverCrash() {
        let source = Array(SeccompProfileWriter.dockerJSON(RuntimeDefaultProfile.profile).utf8)
        var rng = StraceTestRandom(seed: 7)
        var accepted = 0
        for round in 0..<400 {
            var bytes = source
            switch round % 4 {
            case 0:
                for _ in 0..<3 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            case 2:
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
            default:
                bytes = (0..<200).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            }
            if (try? SeccompProfileReader().read(bytes, file: "fuzz.json")) != nil { accepted += 1 }
        }
        #expect(accepted < 400)
    }
}
