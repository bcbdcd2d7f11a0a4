/// Syscalls that container escapes and kernel exploits lean on, each with the reason in a few
/// words. The container runtime default denies them (or allows them only with a capability, an
/// argument condition or a new enough kernel); a profile that lets them through gives that back.
public enum DangerousSyscalls {
    /// The classic escape and exploit syscalls, most telling first; messages that can only name a
    /// few name these.
    public static let headline: [String] = [
        "ptrace", "mount", "unshare", "setns", "bpf", "keyctl", "kexec_load", "open_by_handle_at", "userfaultfd",
        "perf_event_open", "init_module", "finit_module", "process_vm_writev", "pivot_root", "clone3",
    ]

    /// Sorts names so headline syscalls come first, the rest by name.
    public static func byImportance(_ names: [String]) -> [String] {
        names.sorted { a, b in
            let ia = headline.firstIndex(of: a) ?? Int.max
            let ib = headline.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }

    public static let reasons: [String: String] = {
        var out: [String: String] = [:]
        func add(_ names: [String], _ why: String) { for n in names { out[n] = why } }
        add(["ptrace"], "reads and writes other processes' memory and registers (credential theft, code injection)")
        add(
            ["process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp", "process_madvise"],
            "reaches into other processes' memory or file descriptors")
        add(
            [
                "mount", "umount", "umount2", "fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree",
                "mount_setattr", "pivot_root",
            ],
            "mounts filesystems: can expose host paths or hide what the container runs")
        add(
            ["unshare", "setns"],
            "creates or joins namespaces; user namespaces open kernel attack surface used by many privilege escalations"
        )
        add(["clone3"], "can create namespaces, and hides its flags from seccomp argument checks")
        add(["bpf"], "loads eBPF programs into the kernel")
        add(["keyctl", "add_key", "request_key"], "the kernel keyring is not namespaced: keys of other containers")
        add(["kexec_load", "kexec_file_load"], "replaces the running kernel")
        add(["open_by_handle_at", "name_to_handle_at"], "opens host files by handle (the 'Shocker' container escape)")
        add(["userfaultfd"], "stalls the kernel inside page faults, a building block of kernel exploits")
        add(["perf_event_open"], "kernel profiling: information leaks and a long list of kernel CVEs")
        add(
            ["init_module", "finit_module", "delete_module", "create_module"],
            "loads or removes kernel modules: code in the kernel")
        add(["iopl", "ioperm"], "raw access to hardware I/O ports")
        add(["reboot"], "reboots the host or loads a new kernel")
        add(["swapon", "swapoff"], "changes host swap devices")
        add(["acct"], "switches host process accounting")
        add(["syslog"], "reads the kernel log, which leaks kernel addresses")
        add(
            ["settimeofday", "clock_settime", "clock_settime64", "stime", "clock_adjtime", "clock_adjtime64"],
            "changes the host clock, which is not namespaced")
        add(
            [
                "lookup_dcookie", "quotactl", "quotactl_fd", "nfsservctl", "uselib", "vm86", "vm86old", "_sysctl",
                "sysfs",
            ],
            "obsolete or host-wide kernel interface with a history of vulnerabilities")
        add(
            ["io_uring_setup", "io_uring_enter", "io_uring_register"],
            "io_uring bypasses seccomp for the operations it queues and has had many kernel CVEs")
        add(["fanotify_init"], "watches filesystem events host-wide")
        add(
            ["get_mempolicy", "set_mempolicy", "mbind", "move_pages"],
            "NUMA memory control; move_pages can probe other processes")
        add(["vhangup"], "hangs up the host's terminals")
        add(["personality"], "can turn off ASLR (ADDR_NO_RANDOMIZE) for the process and its children")
        add(["chroot"], "with other gaps, a classic way out of a directory jail")
        return out
    }()
}
