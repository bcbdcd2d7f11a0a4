import PalisadeSeccomp
import Testing

/// The compiled-in table against libseccomp's own: every name the table has for an architecture
/// must resolve to the same number in libseccomp, and every number libseccomp names must be in
/// the table, apart from the explicitly listed exceptions below.
@Suite(.enabled(if: LibSeccompTestSupport.shouldRun, LibSeccompTestSupport.skipMessage))
struct SyscallTableLibSeccompTests {
    /// On x86, libseccomp resolves the socket and SysV IPC calls to its socketcall/ipc "pseudo"
    /// numbers (negative), so one rule covers both the direct (Linux 4.3+) and multiplexed entry;
    /// the kernel table has the direct numbers.
    static let x86Multiplexed: Set<String> = [
        "socket", "socketpair", "bind", "connect", "listen", "accept4", "getsockopt", "setsockopt",
        "getsockname", "getpeername", "sendto", "sendmsg", "recvfrom", "recvmsg", "shutdown", "recvmmsg",
        "sendmmsg", "semget", "semctl", "shmget", "shmctl", "shmat", "shmdt", "msgget", "msgsnd", "msgrcv",
        "msgctl",
    ]

    /// Syscalls newer than a table's kernel source: a libseccomp may know them where the table
    /// does not yet (x86 and arm are Linux 6.1 and 6.5; Debian's libseccomp 2.5.4 knows up to
    /// futex_requeue, 456, on every architecture).
    static let newerThanTable: Set<String> = [
        "cachestat", "fchmodat2", "map_shadow_stack", "futex_wake", "futex_wait", "futex_requeue", "statmount",
        "listmount", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal", "setxattrat",
        "getxattrat", "listxattrat", "removexattrat", "open_tree_attr", "file_getattr", "file_setattr",
        "uretprobe",
    ]

    /// Syscalls a libseccomp may not know yet: 2.5.4 stops at futex_requeue (456), older ones earlier.
    static let newerThanLibSeccomp: Set<String> = [
        "memfd_secret", "process_mrelease", "futex_waitv", "set_mempolicy_home_node", "cachestat", "fchmodat2",
        "map_shadow_stack", "futex_wake", "futex_wait", "futex_requeue", "statmount", "listmount",
        "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal",
    ]

    /// The kernel's syscall_64.tbl lists map_shadow_stack (453) as `common`, so x32 has it at
    /// 0x40000000 + 453; libseccomp 2.5.4 treats it as absent on x32 (a negative pseudo number).
    static let x32NotInLibSeccomp: Set<String> = ["map_shadow_stack"]

    @Test(arguments: SeccompArchitecture.withTable)
    func tableNamesResolveToTheSameNumbers(arch: SeccompArchitecture) throws {
        let library = try LibSeccompTestSupport.library()
        let token = try #require(library.token(for: arch), "libseccomp does not know \(arch)")
        var mismatches: [String] = []
        var unknownToLibSeccomp: [String] = []
        for name in SyscallTable.names(on: arch) {
            let expected = try #require(SyscallTable.number(of: name, on: arch))
            guard let number = library.syscallNumber(of: name, onToken: token) else {
                unknownToLibSeccomp.append(name)
                continue
            }
            if Int(number) == expected { continue }
            if arch == .x86, number < 0, Self.x86Multiplexed.contains(name) { continue }
            if arch == .x32, number < 0, Self.x32NotInLibSeccomp.contains(name) { continue }
            mismatches.append("\(name): table \(expected), libseccomp \(number)")
        }
        #expect(mismatches.isEmpty, "\(arch): \(mismatches)")
        #expect(
            Set(unknownToLibSeccomp).isSubset(of: Self.newerThanLibSeccomp),
            "\(arch): names libseccomp \(library.version) does not know: \(unknownToLibSeccomp)")
    }

    @Test(arguments: SeccompArchitecture.withTable)
    func libSeccompNumbersAreInTheTable(arch: SeccompArchitecture) throws {
        let library = try LibSeccompTestSupport.library()
        let token = try #require(library.token(for: arch))
        let base: Int32 = arch == .x32 ? 0x4000_0000 : 0
        var missing: [String] = []
        for number in base..<(base + 1024) {
            guard let name = library.syscallName(of: number, onToken: token) else { continue }
            if SyscallTable.number(of: name, on: arch) == Int(number) { continue }
            missing.append("\(name) \(number)")
            #expect(
                Self.newerThanTable.contains(name), "\(arch): libseccomp has \(name) = \(number), the table does not")
        }
        // Not more than the newer-than-the-table list: anything else is a table bug.
        #expect(missing.count <= Self.newerThanTable.count, "\(arch): \(missing)")
    }
}
