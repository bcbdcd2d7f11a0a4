#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The container's CPU limit, from its cgroup, rounded up to whole cores.
///
/// Why: a pod sees every core of its node, so one event loop per core on a 64-core node with a
/// 1-CPU limit runs 64 threads that the kernel throttles against one CPU's quota (latency spikes
/// at the API server's timeout). Go services read the same files (automaxprocs); Gatekeeper's
/// docs tell users to set GOMAXPROCS by hand.
enum CPULimit {
    /// Whole cores allowed by the cgroup under `root` (v2 `cpu.max`, else v1 `cpu.cfs_quota_us` and
    /// `cpu.cfs_period_us`), or nil when there is no limit or the files are absent.
    static func cores(cgroupRoot root: String = "/sys/fs/cgroup") -> Int? {
        if let text = contents(of: root + "/cpu.max") { return parseV2(text) }
        for dir in ["/cpu", "/cpu,cpuacct", "/cpuacct,cpu"] {
            if let quota = contents(of: root + dir + "/cpu.cfs_quota_us"),
                let period = contents(of: root + dir + "/cpu.cfs_period_us")
            {
                return parseV1(quota: quota, period: period)
            }
        }
        return nil
    }

    /// `cpu.max`: `max 100000` (no limit) or `QUOTA PERIOD` in microseconds.
    static func parseV2(_ text: String) -> Int? {
        // `max` is not an integer: no limit.
        guard let fields = integers(text), fields.count == 2 else { return nil }
        return wholeCores(quota: fields[0], period: fields[1])
    }

    /// cgroup v1: a quota of -1 means no limit.
    static func parseV1(quota: String, period: String) -> Int? {
        guard let q = integers(quota), q.count == 1, let p = integers(period), p.count == 1 else { return nil }
        return wholeCores(quota: q[0], period: p[0])
    }

    /// The whitespace-separated integers of a cgroup file, or nil when one field is not an integer.
    private static func integers(_ text: String) -> [Int]? {
        var out: [Int] = []
        for field in text.split(whereSeparator: \.isWhitespace) {
            guard let n = Int(field) else { return nil }
            out.append(n)
        }
        return out
    }

    private static func wholeCores(quota: Int, period: Int) -> Int? {
        guard quota > 0, period > 0 else { return nil }
        return max(1, (quota + period - 1) / period)
    }

    /// A small file's text, or nil when it cannot be read.
    private static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }
}
