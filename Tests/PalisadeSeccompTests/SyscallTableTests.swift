import PalisadeSeccomp
import Testing

@Suite struct SyscallTableTests {
    @Test func knownNumbersPerArchitecture() {
        #expect(SyscallTable.number(of: "read", on: .x86_64) == 0)
        #expect(SyscallTable.number(of: "execve", on: .x86_64) == 59)
        #expect(SyscallTable.number(of: "seccomp", on: .x86_64) == 317)
        #expect(SyscallTable.number(of: "execve", on: .x86) == 11)
        #expect(SyscallTable.number(of: "socketcall", on: .x86) == 102)
        #expect(SyscallTable.number(of: "read", on: .x32) == 0x4000_0000)
        #expect(SyscallTable.number(of: "execve", on: .x32) == 0x4000_0000 + 520)
        #expect(SyscallTable.number(of: "execve", on: .aarch64) == 221)
        #expect(SyscallTable.number(of: "seccomp", on: .aarch64) == 277)
        #expect(SyscallTable.number(of: "execve", on: .arm) == 11)
        #expect(SyscallTable.number(of: "arm_fadvise64_64", on: .arm) == 270)
        // Rows added after Linux 6.1 from newer kernel tables (x86_64, x32, aarch64).
        #expect(SyscallTable.number(of: "mseal", on: .x86_64) == 462)
        #expect(SyscallTable.number(of: "fchmodat2", on: .aarch64) == 452)
        #expect(SyscallTable.number(of: "mseal", on: .x32) == 0x4000_0000 + 462)
        #expect(SyscallTable.number(of: "cachestat", on: .arm) == 451)
    }

    @Test func abiDifferencesAreKept() {
        // aarch64 has no open(2) or fork(2); x86_64 has no socketcall; arm's old-ABI time is not EABI.
        #expect(SyscallTable.number(of: "open", on: .aarch64) == nil)
        #expect(SyscallTable.number(of: "fork", on: .aarch64) == nil)
        #expect(SyscallTable.number(of: "renameat", on: .aarch64) == 38)
        #expect(SyscallTable.number(of: "socketcall", on: .x86_64) == nil)
        #expect(SyscallTable.number(of: "time", on: .arm) == nil)
        // x32 uses its own numbers for the 64-bit-only calls (512-547).
        #expect(SyscallTable.number(of: "ioctl", on: .x32) == 0x4000_0000 + 514)
        #expect(SyscallTable.number(of: "ioctl", on: .x86_64) == 16)
    }

    @Test func namesAndNumbersRoundTrip() {
        for arch in SeccompArchitecture.withTable {
            let names = SyscallTable.names(on: arch)
            #expect(names.count > 300, "\(arch)")
            #expect(names == names.sorted())
            for name in names {
                let number = SyscallTable.number(of: name, on: arch)
                #expect(number.flatMap { SyscallTable.name(of: $0, on: arch) } == name, "\(arch) \(name)")
            }
        }
        #expect(SyscallTable.names(on: .s390x).isEmpty)
        #expect(SyscallTable.name(of: 59, on: .x86_64) == "execve")
        #expect(SyscallTable.name(of: 100_000, on: .x86_64) == nil)
    }

    @Test func isKnownIsTheUnionOfArchitectures() {
        #expect(SyscallTable.isKnown("openat"))
        #expect(SyscallTable.isKnown("socketcall"))  // x86 and arm only
        #expect(SyscallTable.isKnown("arm_fadvise64_64"))
        #expect(SyscallTable.isKnown("arch_prctl"))
        #expect(SyscallTable.isKnown("mseal"))
        #expect(SyscallTable.isKnown("statmount"))
        #expect(!SyscallTable.isKnown("not_a_syscall"))
        #expect(!SyscallTable.isKnown(""))
    }
}
