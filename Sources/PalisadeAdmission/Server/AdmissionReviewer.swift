/// The seam between the HTTPS server and the policy: the server hands over each POSTed body and
/// sends back what it gets. The server knows nothing about policies; tests plug in a stub.
public protocol AdmissionReviewer: Sendable {
    /// Decides one request body. `path` is the request path (`/validate`, `/mutate`, …).
    func review(body: UnsafeRawBufferPointer, path: String) -> ReviewReply
    /// Answers without evaluating, because the request waited past its deadline (overload): the
    /// failure policy's outcome (fail-open allows with a warning, fail-closed denies), with the
    /// request's uid echoed when it can be read cheaply.
    func timedOut(body: UnsafeRawBufferPointer, path: String) -> ReviewReply
}

/// What the server sends back for one review, plus what it records about it.
public struct ReviewReply: Sendable {
    /// HTTP status: 200 for a review answered (allowed or denied), 400 for a malformed review,
    /// 404 for a path that is not a webhook.
    public var status: Int
    /// The JSON response body.
    public var body: [UInt8]
    /// `true` when the review was answered with `allowed: true` (metrics).
    public var allowed: Bool
    /// Per-rule outcomes for the metrics (`deny`, `warn`, `audit`, `mutate`, `exempt`, …).
    public var decisions: [RuleDecision]
    /// One line for the server's log (e.g. why a request was malformed), or `nil`.
    public var logLine: String?

    public init(
        status: Int, body: [UInt8], allowed: Bool, decisions: [RuleDecision] = [], logLine: String? = nil
    ) {
        self.status = status
        self.body = body
        self.allowed = allowed
        self.decisions = decisions
        self.logLine = logLine
    }
}

/// One rule's outcome in one review, for `palisade_admission_decisions_total{rule,outcome}`.
public struct RuleDecision: Sendable, Hashable {
    public var rule: String
    public var outcome: String

    public init(rule: String, outcome: String) {
        self.rule = rule
        self.outcome = outcome
    }
}
