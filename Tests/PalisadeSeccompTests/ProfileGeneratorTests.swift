import PalisadeSeccomp
import Testing

@Suite struct ProfileGeneratorTests {
    static func trace(_ calls: [SyscallPersonality: [String: Int]], lines: Int = 10) -> StraceTrace {
        var trace = StraceTrace()
        trace.calls = calls
        trace.lines = lines
        trace.processes = 1
        return trace
    }

    @Test func allowsWhatRunsUsedPlusTheRuntimeMinimum() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 3, "openat": 2, "mmap": 1]]), label: "a", host: .x86_64)
        let result = ProfileGenerator().generate(from: observed)
        let profile = result.profile
        #expect(profile.defaultAction == .errno)
        #expect(profile.defaultErrnoRet == 1)
        #expect(profile.architectures == [SeccompArchitecture.native.rawValue])
        let names = Set(profile.syscalls.flatMap(\.names))
        #expect(names.isSuperset(of: ["read", "openat", "mmap"]))
        #expect(names.isSuperset(of: RuntimeMinimum.syscalls))
        #expect(profile.syscalls.count == 1 && profile.syscalls[0].action == .allow)
        #expect(profile.syscalls[0].names == profile.syscalls[0].names.sorted())
        // openat and read were observed, so they are not "added".
        #expect(!result.addedForRuntime.contains("read"))
        #expect(result.addedForRuntime.contains("capset"))
        #expect(result.addedForRuntime.count == Set(RuntimeMinimum.syscalls).subtracting(["read", "openat"]).count)
    }

    @Test func runtimeMinimumCanBeLeftOut() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 1]]), label: "a", host: .x86_64)
        var options = ProfileGenerator.Options()
        options.includeRuntimeMinimum = false
        #expect(ProfileGenerator(options: options).generate(from: observed).profile.syscalls[0].names == ["read"])
    }

    @Test func logDeniedSwitchesTheDefaultAction() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 1]]), label: "a", host: .x86_64)
        var options = ProfileGenerator.Options()
        options.logDenied = true
        let profile = ProfileGenerator(options: options).generate(from: observed).profile
        #expect(profile.defaultAction == .log)
        #expect(profile.defaultErrnoRet == nil)
    }

    @Test func archAddsCompanionsAndPersonalitySwitchesAddTheirABI() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 1], .compat32: ["_llseek": 1]]), label: "a", host: .x86_64)
        var options = ProfileGenerator.Options()
        options.host = .x86_64
        #expect(
            ProfileGenerator(options: options).generate(from: observed).profile.architectures == [
                "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
            ])
        options.architectures = [.x86_64]
        #expect(
            ProfileGenerator(options: options).generate(from: observed).profile.architectures == [
                "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32",
            ])
        options.architectures = [.aarch64]
        options.host = .aarch64
        var armObserved = ObservedSyscalls()
        armObserved.addRun(Self.trace([.native: ["read": 1]]), label: "a", host: .aarch64)
        #expect(
            ProfileGenerator(options: options).generate(from: armObserved).profile.architectures == [
                "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM",
            ])
    }

    @Test func unnamedSyscallsAreReportedNotAllowed() {
        var observed = ObservedSyscalls()
        observed.addRun(
            Self.trace([.native: ["read": 1, "syscall_0x1b6": 1, "syscall_999": 2]]), label: "a", host: .x86_64)
        let result = ProfileGenerator().generate(from: observed)
        #expect(result.unnamedSyscalls == ["syscall_0x1b6", "syscall_999"])
        #expect(!result.profile.syscalls[0].names.contains("syscall_999"))
    }

    @Test func unknownNamesAreKeptAndReported() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 1, "frobnicate_v2": 1]]), label: "a", host: .x86_64)
        let result = ProfileGenerator().generate(from: observed)
        #expect(result.unknownNames == ["frobnicate_v2"])
        #expect(result.profile.syscalls[0].names.contains("frobnicate_v2"))
    }

    @Test func runsMergeAndCountHowManyUsedEachSyscall() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 5, "write": 1]]), label: "tests", host: .x86_64)
        observed.addRun(Self.trace([.native: ["read": 7, "connect": 2]]), label: "load", host: .x86_64)
        observed.addRun(
            Self.trace([.native: ["read": 1], .compat32: ["read": 1, "write": 1]]), label: "start", host: .x86_64)
        #expect(observed.runCount == 3)
        #expect(observed.usage["read"] == ObservedSyscalls.Usage(runs: 3, calls: 14))
        #expect(observed.usage["write"] == ObservedSyscalls.Usage(runs: 2, calls: 2))
        #expect(observed.usage["connect"] == ObservedSyscalls.Usage(runs: 1, calls: 2))
        #expect(observed.namesByRunCount == ["connect", "write", "read"])
        #expect(observed.architectures == [.x86_64, .x86])
        let names = ProfileGenerator().generate(from: observed).profile.syscalls[0].names
        #expect(names.contains("connect") && names.contains("write"))
    }

    @Test func restrictedSyscallsFollowTheRuntimeDefault() throws {
        var observed = ObservedSyscalls()
        observed.addRun(
            Self.trace([.native: ["read": 1, "clone3": 2, "socket": 1, "personality": 1, "ptrace": 1]]), label: "a",
            host: .x86_64)
        var options = ProfileGenerator.Options()
        options.host = .x86_64
        let result = ProfileGenerator(options: options).generate(from: observed)
        let rules = result.profile.syscalls
        #expect(!rules[0].names.contains("clone3") && !rules[0].names.contains("socket"))
        #expect(rules[0].names.contains("ptrace"), "made by the workload, so allowed")
        #expect(result.beyondRuntimeDefault == ["ptrace"])
        #expect(result.answeredLikeRuntimeDefault == ["clone3"])
        #expect(result.conditioned == ["clone", "personality", "socket"])
        let clone3 = try #require(rules.first { $0.names == ["clone3"] })
        #expect(clone3.action == .errno && clone3.errnoRet == 38)
        let clone = try #require(rules.first { $0.names == ["clone"] })
        #expect(clone.args == [ArgumentCondition(index: 0, value: 2_114_060_288, op: .maskedEqual)])
        #expect(clone.excludes?.caps.isEmpty ?? true)
        #expect(rules.filter { $0.names == ["socket"] }.count == 3)
        #expect(rules.filter { $0.names == ["personality"] }.count == 5)
        // Graded against the default: only ptrace stands out.
        let findings = ProfileGrader(architectures: [.x86_64]).grade(result.profile, file: "gen.json")
        #expect(findings.map(\.ruleId) == ["SECCOMP-DANGEROUS-SYSCALL"])
        #expect(findings.first?.evidence == "ptrace")
    }

    @Test func exactAllowsEverythingAsRecorded() {
        var observed = ObservedSyscalls()
        observed.addRun(Self.trace([.native: ["read": 1, "clone3": 2, "socket": 1]]), label: "a", host: .x86_64)
        var options = ProfileGenerator.Options()
        options.host = .x86_64
        options.followRuntimeDefault = false
        let profile = ProfileGenerator(options: options).generate(from: observed).profile
        #expect(profile.syscalls.count == 1)
        #expect(profile.syscalls[0].names.contains("clone3") && profile.syscalls[0].names.contains("socket"))
    }

    @Test func generatedProfilesPassTheirOwnCheck() {
        var observed = ObservedSyscalls()
        observed.addRun(
            Self.trace([
                .native: ["read": 1, "write": 1, "mmap": 1, "brk": 1, "exit_group": 1, "clone3": 1, "socket": 1]
            ]), label: "a", host: .x86_64)
        var options = ProfileGenerator.Options()
        options.host = .x86_64
        let profile = ProfileGenerator(options: options).generate(from: observed).profile
        let findings = ProfileGrader(architectures: [.x86_64]).grade(profile, file: "gen.json")
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }
}
