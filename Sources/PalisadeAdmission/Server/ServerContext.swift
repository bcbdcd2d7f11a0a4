import NIOCore

/// What every connection's handlers share: the reviewer, metrics, log, connection registry and
/// the per-request limits, fixed when the server starts.
struct ServerContext: Sendable {
    let reviewer: any AdmissionReviewer
    let metrics: ServerMetrics
    let log: RateLimitedLog
    let tracker: ConnectionTracker
    let maxBodyBytes: Int
    let answerDeadline: TimeAmount
}
