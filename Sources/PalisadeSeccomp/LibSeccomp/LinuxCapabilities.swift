#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Linux capability names by bit number (linux/capability.h), to turn /proc's `CapEff` mask into
/// the names seccomp profiles' `includes.caps` use.
public enum LinuxCapabilities {
    public static let names: [String] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
        "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ]

    /// The names of the bits set in a mask (`CapEff: 000001ffffffffff`).
    public static func names(inMask mask: UInt64) -> Set<String> {
        var out = Set<String>()
        for (bit, name) in names.enumerated() where mask & (1 << UInt64(bit)) != 0 { out.insert(name) }
        return out
    }

    /// The `CapEff` line of a /proc/PID/status text, or nil.
    public static func effectiveMask(status: String) -> UInt64? {
        for line in status.split(separator: "\n") where line.hasPrefix("CapEff:") {
            return UInt64(line.dropFirst("CapEff:".count).trimmingCharacters(in: " \t"), radix: 16)
        }
        return nil
    }

    /// This process's effective capabilities (none when /proc is unreadable).
    static func effective() -> Set<String> {
        guard let file = fopen("/proc/self/status", "r") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return effectiveMask(status: String(decoding: bytes, as: UTF8.self)).map { names(inMask: $0) } ?? []
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var out = self
        while let first = out.first, set.contains(first) { out = out.dropFirst() }
        while let last = out.last, set.contains(last) { out = out.dropLast() }
        return out
    }
}
