/// The syscalls a container runtime makes in the container's process after it has loaded the
/// seccomp filter and before the workload's own first instruction. runc loads the filter as late as
/// it can, right before `execve`, but its Go init still needs these; a recording of the workload
/// alone (strace starts at `execve`) never sees them, so a profile without them stops the container
/// from starting. The list is the Security Profiles Operator's runc base profile
/// (`examples/baseprofile-runc.yaml`, runc 1.0, Apache-2.0) plus the exit and signal-return calls
/// every process needs even when a recording was cut short.
public enum RuntimeMinimum {
    public static let syscalls: [String] = [
        "capget", "capset", "chdir", "close", "epoll_ctl", "epoll_pwait", "execve", "exit", "exit_group", "fchown",
        "fcntl", "fstat", "fstatfs", "futex", "getdents64", "getpid", "getppid", "nanosleep", "newfstatat", "openat",
        "prctl", "read", "rt_sigreturn", "sched_yield", "setgid", "setgroups", "setuid", "write",
    ]
}
