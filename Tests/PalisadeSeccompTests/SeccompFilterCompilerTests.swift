import Foundation
import PalisadeCore
import Testing

@testable import PalisadeSeccomp

@Suite struct SeccompFilterRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let dockerDefault = root.appendingPathComponent("Fixtures/seccomp/docker-default.json").path

    static func host(caps: Set<String> = [], kernel: [Int] = [6, 1]) -> SeccompHost {
        SeccompHost(architecture: .x86_64, capabilities: caps, kernel: kernel)
    }

    @Test func includesAndExcludesFollowDocker() {
        let plain = Self.host()
        let admin = Self.host(caps: ["CAP_SYS_ADMIN"])
        let old = Self.host(kernel: [4, 4, 0])
        let needsAdmin = SyscallRule(names: ["mount"], action: .allow, includes: RuleFilter(caps: ["CAP_SYS_ADMIN"]))
        #expect(!plain.admits(needsAdmin))
        #expect(admin.admits(needsAdmin))
        let notForAdmin = SyscallRule(names: ["clone"], action: .allow, excludes: RuleFilter(caps: ["CAP_SYS_ADMIN"]))
        #expect(plain.admits(notForAdmin))
        #expect(!admin.admits(notForAdmin))
        let s390Only = SyscallRule(
            names: ["s390_pci_mmio_read"], action: .allow, includes: RuleFilter(arches: ["s390x"]))
        #expect(!plain.admits(s390Only))
        let notAmd64 = SyscallRule(names: ["x"], action: .allow, excludes: RuleFilter(arches: ["amd64"]))
        #expect(!plain.admits(notAmd64))
        let newKernel = SyscallRule(names: ["ptrace"], action: .allow, includes: RuleFilter(minKernel: "4.8"))
        #expect(plain.admits(newKernel))
        #expect(!old.admits(newKernel))
        let oldKernelOnly = SyscallRule(names: ["x"], action: .allow, excludes: RuleFilter(minKernel: "5.0"))
        #expect(!plain.admits(oldKernelOnly))
        #expect(old.admits(oldKernelOnly))
    }

    @Test func kernelVersionsCompareNumerically() {
        #expect(SeccompHost.kernelVersion("6.18.44-fc-v782") == [6, 18, 44])
        #expect(SeccompHost.kernelVersion("5.10.0-28-amd64") == [5, 10, 0])
        #expect(SeccompHost.kernelVersion("4.8") == [4, 8])
        #expect(Self.host(kernel: [4, 10]).kernelAtLeast("4.8"))
        #expect(Self.host(kernel: [4, 8]).kernelAtLeast("4.8"))
        #expect(!Self.host(kernel: [4, 7, 99]).kernelAtLeast("4.8"))
    }

    @Test func capabilityMaskNamesBits() {
        let status = "Name:\tsh\nCapInh:\t0000000000000000\nCapEff:\t0000000000200001\n"
        #expect(LinuxCapabilities.effectiveMask(status: status) == 0x20_0001)
        #expect(LinuxCapabilities.names(inMask: 0x20_0001) == ["CAP_CHOWN", "CAP_SYS_ADMIN"])
        #expect(LinuxCapabilities.names[19] == "CAP_SYS_PTRACE")
    }

    @Test func goArchNamesMatchDockersIncludes() {
        #expect(SeccompArchitecture.x86_64.goArchName == "amd64")
        #expect(SeccompArchitecture.aarch64.goArchName == "arm64")
        #expect(SeccompArchitecture.x86.goArchName == "386")
        #expect(SeccompArchitecture.x86.libseccompName == "x86")
    }
}

@Suite(.enabled(if: LibSeccompTestSupport.shouldRun, LibSeccompTestSupport.skipMessage))
struct SeccompFilterCompilerTests {
    func compiler(caps: Set<String> = ["CAP_SYS_ADMIN"]) throws -> SeccompFilterCompiler {
        SeccompFilterCompiler(
            library: try LibSeccompTestSupport.library(),
            host: SeccompHost(architecture: .native, capabilities: caps, kernel: [6, 1]))
    }

    func profile(_ json: String) throws -> SeccompProfile {
        try SeccompProfileReader().read(Array(json.utf8), file: "p.json")
    }

    @Test func compilesDockersDefaultProfile() throws {
        let data = try #require(FileManager.default.contents(atPath: SeccompFilterRulesTests.dockerDefault))
        let profile = try SeccompProfileReader().read(Array(data), file: "docker-default.json")
        let filter = try compiler().compile(profile, file: "docker-default.json")
        #expect(filter.program.count % 8 == 0)
        #expect(filter.instructionCount > 100)
        #expect(filter.architectures.first == .native)
        if SeccompArchitecture.native == .x86_64 { #expect(filter.architectures == [.x86_64, .x86, .x32]) }
        #expect(filter.skippedRules > 0)  // s390-only and capability-gated rules
        // Names newer than this libseccomp are skipped, never an error; none of the classics are.
        #expect(!filter.unknownNames.contains("read"))
        #expect(!filter.unknownNames.contains("openat"))
    }

    @Test func otherArchitecturesKillTheProcess() throws {
        let filter = try compiler().compile(
            profile(#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": []}"#),
            file: "p.json")
        // BPF_RET|BPF_K (0x06) with SECCOMP_RET_KILL_PROCESS (0x80000000): the bad-architecture
        // branch; nothing else in an allow-all profile kills.
        var returns: [UInt32] = []
        filter.program.withUnsafeBytes { raw in
            for offset in stride(from: 0, to: raw.count, by: 8)
            where raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self) == 0x06 {
                returns.append(raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            }
        }
        #expect(returns.contains(0x8000_0000))
        #expect(!returns.contains(0))  // never KILL_THREAD
        #expect(returns.contains(0x7fff_0000))  // the default, ALLOW
    }

    @Test func capabilitiesChangeTheFilter() throws {
        let data = try #require(FileManager.default.contents(atPath: SeccompFilterRulesTests.dockerDefault))
        let profile = try SeccompProfileReader().read(Array(data), file: "docker-default.json")
        let admin = try compiler(caps: ["CAP_SYS_ADMIN"]).compile(profile, file: "d.json")
        let none = try compiler(caps: []).compile(profile, file: "d.json")
        #expect(admin.program != none.program)
        #expect(none.skippedRules > admin.skippedRules - 5)
    }

    @Test func unknownNamesAreSkippedAndReported() throws {
        let filter = try compiler().compile(
            profile(
                #"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["not_a_syscall", "unshare", "also_not"], "action": "SCMP_ACT_ERRNO"}]}"#
            ), file: "p.json")
        #expect(filter.unknownNames == ["not_a_syscall", "also_not"])
        #expect(filter.instructionCount > 0)
    }

    @Test func notifyAndUnknownActionsNameTheRule() throws {
        let text = """
            {"defaultAction": "SCMP_ACT_ALLOW",
             "syscalls": [
               {"names": ["unshare"], "action": "SCMP_ACT_NOTIFY"}
             ]}
            """
        #expect {
            try compiler().compile(profile(text), file: "p.json")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("p.json:3:") && text.contains("unshare") && text.contains("SCMP_ACT_NOTIFY")
        }
        let bogus =
            #"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_BOGUS"}]}"#
        #expect {
            try compiler().compile(profile(bogus), file: "p.json")
        } throws: { error in
            "\(error)".contains("unsupported action SCMP_ACT_BOGUS") && "\(error)".contains("read")
        }
    }

    @Test func conditionsOnTheSameArgumentBecomeSeparateRules() throws {
        let compiler = SeccompFilterCompiler.self
        let and = SyscallRule(
            names: ["socket"], action: .allow,
            args: [
                ArgumentCondition(index: 0, value: 1, op: .equal), ArgumentCondition(index: 1, value: 2, op: .equal),
            ])
        #expect(try compiler.conditions(of: and, file: "p").map(\.count) == [48])
        let or = SyscallRule(
            names: ["personality"], action: .allow,
            args: [
                ArgumentCondition(index: 0, value: 0, op: .equal), ArgumentCondition(index: 0, value: 8, op: .equal),
            ])
        #expect(try compiler.conditions(of: or, file: "p").map(\.count) == [24, 24])
        let bad = SyscallRule(names: ["x"], action: .allow, args: [ArgumentCondition(index: 6, value: 0, op: .equal)])
        #expect(throws: SeccompFilterError.self) { try compiler.conditions(of: bad, file: "p") }
    }

    @Test func archMapTakesOnlyTheHostsEntry() throws {
        let data = try #require(FileManager.default.contents(atPath: SeccompFilterRulesTests.dockerDefault))
        let profile = try SeccompProfileReader().read(Array(data), file: "docker-default.json")
        let arm = SeccompFilterCompiler(
            library: try LibSeccompTestSupport.library(),
            host: SeccompHost(architecture: .aarch64, capabilities: [], kernel: [6, 1]))
        let filter = try arm.compile(profile, file: "docker-default.json")
        // The running architecture is always in a libseccomp filter; archMap adds aarch64's entry.
        #expect(filter.architectures == [.native] + [SeccompArchitecture.aarch64, .arm].filter { $0 != .native })
    }

    @Test func profileFlagsBecomeSeccompFlags() throws {
        #expect(try SeccompFilterCompiler.filterFlags([], file: "p") == 0)
        #expect(
            try SeccompFilterCompiler.filterFlags(
                ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"], file: "p")
                == 6)
        #expect(throws: SeccompFilterError.self) {
            try SeccompFilterCompiler.filterFlags(["SECCOMP_FILTER_FLAG_NEW_LISTENER"], file: "p")
        }
    }

    @Test func bothArchitecturesAndArchMapIsAnError() throws {
        let text = #"""
            {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
             "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": []}], "syscalls": []}
            """#
        #expect(throws: SeccompFilterError.self) { try compiler().compile(profile(text), file: "p.json") }
    }
}
