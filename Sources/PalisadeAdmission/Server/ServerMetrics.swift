import Synchronization

/// The server's Prometheus metrics, hand-written: a handful of counters behind one lock, updated
/// once per request (a few dictionary increments), rendered only when `/metrics` is scraped.
final class ServerMetrics: Sendable {
    /// Request duration buckets in seconds: sub-millisecond reviews up to the API server's timeout.
    static let durationBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// Distinct request paths kept as label values; more (a client probing random paths) share
    /// `other`, so the metric's cardinality stays bounded.
    static let maxPathLabels = 32

    private let state = Mutex(MetricsState())

    /// One answered request: its path, status, duration, and for reviews the verdict and rule outcomes.
    func recordRequest(path: String, status: Int, seconds: Double, review: ReviewReply?, timedOut: Bool) {
        state.withLock { state in
            state.recordRequest(path: path, status: status, seconds: seconds)
            if let review {
                if review.allowed { state.allowed += 1 } else { state.denied += 1 }
                for decision in review.decisions { state.decisions[decision, default: 0] += 1 }
            }
            if timedOut { state.timeouts += 1 }
        }
    }

    func connectionRejected() { state.withLock { $0.rejectedConnections += 1 } }

    func connectionOpened() { state.withLock { $0.openConnections += 1 } }

    func connectionClosed() { state.withLock { $0.openConnections -= 1 } }

    func certificateReload(succeeded: Bool) {
        state.withLock { state in
            if succeeded { state.reloadsOK += 1 } else { state.reloadsFailed += 1 }
        }
    }

    /// The Prometheus text exposition format (version 0.0.4), series sorted for stable output.
    var text: String {
        state.withLock { $0 }.render()
    }
}

/// The counters themselves; a value type so a scrape copies it out of the lock and renders outside.
struct MetricsState: Sendable {
    struct RequestKey: Hashable, Sendable {
        var path: String
        var code: Int
    }

    var requests: [RequestKey: UInt64] = [:]
    var paths: Set<String> = []
    var decisions: [RuleDecision: UInt64] = [:]
    var allowed: UInt64 = 0
    var denied: UInt64 = 0
    var bucketCounts = [UInt64](repeating: 0, count: ServerMetrics.durationBuckets.count)
    var durationSum = 0.0
    var durationCount: UInt64 = 0
    var timeouts: UInt64 = 0
    var rejectedConnections: UInt64 = 0
    var openConnections: Int64 = 0
    var reloadsOK: UInt64 = 0
    var reloadsFailed: UInt64 = 0

    mutating func recordRequest(path: String, status: Int, seconds: Double) {
        var label = path
        if !paths.contains(path) {
            if paths.count < ServerMetrics.maxPathLabels { paths.insert(path) } else { label = "other" }
        }
        requests[RequestKey(path: label, code: status), default: 0] += 1
        // Cumulative buckets are summed at render time; here only the first bucket that fits counts.
        if let index = ServerMetrics.durationBuckets.firstIndex(where: { seconds <= $0 }) {
            bucketCounts[index] += 1
        }
        durationSum += seconds
        durationCount += 1
    }

    func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        let prefix = "palisade_admission_"
        out += "# HELP \(prefix)requests_total HTTP requests answered, by path and status code.\n"
        out += "# TYPE \(prefix)requests_total counter\n"
        let requestKeys = requests.keys.sorted { ($0.path, $0.code) < ($1.path, $1.code) }
        for key in requestKeys {
            let labels = "path=\"\(PrometheusText.escape(key.path))\",code=\"\(key.code)\""
            out += "\(prefix)requests_total{\(labels)} \(requests[key] ?? 0)\n"
        }
        out += "# HELP \(prefix)decisions_total Rule outcomes in answered reviews.\n"
        out += "# TYPE \(prefix)decisions_total counter\n"
        let decisionKeys = decisions.keys.sorted { ($0.rule, $0.outcome) < ($1.rule, $1.outcome) }
        for key in decisionKeys {
            let labels = "rule=\"\(PrometheusText.escape(key.rule))\",outcome=\"\(PrometheusText.escape(key.outcome))\""
            out += "\(prefix)decisions_total{\(labels)} \(decisions[key] ?? 0)\n"
        }
        out += "# HELP \(prefix)reviews_total Reviews answered, by verdict.\n"
        out += "# TYPE \(prefix)reviews_total counter\n"
        out += "\(prefix)reviews_total{allowed=\"true\"} \(allowed)\n"
        out += "\(prefix)reviews_total{allowed=\"false\"} \(denied)\n"
        out += "# HELP \(prefix)request_duration_seconds Time from request head to response written.\n"
        out += "# TYPE \(prefix)request_duration_seconds histogram\n"
        var cumulative: UInt64 = 0
        for (bound, count) in zip(ServerMetrics.durationBuckets, bucketCounts) {
            cumulative += count
            out += "\(prefix)request_duration_seconds_bucket{le=\"\(PrometheusText.number(bound))\"} \(cumulative)\n"
        }
        out += "\(prefix)request_duration_seconds_bucket{le=\"+Inf\"} \(durationCount)\n"
        out += "\(prefix)request_duration_seconds_sum \(PrometheusText.number(durationSum))\n"
        out += "\(prefix)request_duration_seconds_count \(durationCount)\n"
        out += counter(
            "timeouts_total", "Reviews answered with the failure policy after the answer deadline.", timeouts)
        out += counter(
            "rejected_connections_total", "Connections closed at accept (over the connection limit).",
            rejectedConnections)
        out += "# HELP \(prefix)open_connections Connections currently open.\n"
        out += "# TYPE \(prefix)open_connections gauge\n"
        out += "\(prefix)open_connections \(openConnections)\n"
        out += "# HELP \(prefix)certificate_reloads_total Serving certificate reloads, by result.\n"
        out += "# TYPE \(prefix)certificate_reloads_total counter\n"
        out += "\(prefix)certificate_reloads_total{result=\"ok\"} \(reloadsOK)\n"
        out += "\(prefix)certificate_reloads_total{result=\"error\"} \(reloadsFailed)\n"
        return out
    }

    private func counter(_ name: String, _ help: String, _ value: UInt64) -> String {
        "# HELP palisade_admission_\(name) \(help)\n# TYPE palisade_admission_\(name) counter\n"
            + "palisade_admission_\(name) \(value)\n"
    }
}
