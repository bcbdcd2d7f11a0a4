/// Syscall names that are real but have no number in `SyscallTable`: the private calls of
/// architectures without a table here (powerpc, s390, riscv, mips, sparc, loongarch, the ARM
/// private `__ARM_NR_*` calls) and syscalls newer than the table's kernel. Profiles name them for
/// every architecture at once (Docker's default lists `s390_pci_mmio_read` and `getxattrat`), so
/// they must not be reported as typos.
enum SyscallNamesElsewhere {
    static let names: Set<String> = [
        // ARM private calls (arch/arm/include/uapi/asm/unistd.h, __ARM_NR_*).
        "breakpoint", "cacheflush", "set_tls", "usr26", "usr32", "get_tls",
        // arm and powerpc: sync_file_range with reordered arguments; arm's fadvise.
        "sync_file_range2", "arm_sync_file_range", "arm_fadvise64_64",
        // powerpc.
        "swapcontext", "switch_endian", "subpage_prot", "spu_run", "spu_create", "rtas", "multiplexer",
        "sys_debug_setcontext", "pciconfig_read", "pciconfig_write", "pciconfig_iobase",
        // s390.
        "s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr", "s390_guarded_storage", "s390_sthyi",
        // riscv.
        "riscv_flush_icache", "riscv_hwprobe",
        // mips and sparc (`syscall` is the o32 indirect call, number 4000).
        "syscall", "sysmips", "cachectl", "set_thread_area", "kern_features", "utrap_install", "getpagesize",
        // Newer than the table's kernel (6.11 to 6.17).
        "uretprobe", "getxattrat", "setxattrat", "listxattrat", "removexattrat", "open_tree_attr",
        "file_getattr", "file_setattr",
    ]
}
