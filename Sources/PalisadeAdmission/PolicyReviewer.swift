import PalisadePolicy

/// Connects the HTTPS server to the policy: `/validate` and `/mutate` bodies are decoded, decided
/// and encoded here. Everything a decision depends on lives in `AdmissionController`, so
/// `palisade admission replay` reaches the same answers from audit logs.
public struct PolicyReviewer: AdmissionReviewer {
    public let controller: AdmissionController
    /// Answers every review with a constant allow, without reading it: the benchmark's baseline
    /// for what the server costs on its own.
    public let constantAllow: Bool
    /// CPU time the constant allow burns before answering (nanoseconds): a stand-in review of
    /// known cost, so the benchmark can show how much a review may cost for a given throughput.
    public let constantAllowCostNanoseconds: Int

    public init(controller: AdmissionController, constantAllow: Bool = false, constantAllowCostNanoseconds: Int = 0) {
        self.controller = controller
        self.constantAllow = constantAllow
        self.constantAllowCostNanoseconds = constantAllowCostNanoseconds
    }

    public func review(body: UnsafeRawBufferPointer, path: String) -> ReviewReply {
        let mode: AdmissionController.Mode
        switch path {
        case "/validate": mode = .validate
        case "/mutate": mode = .mutate
        default:
            return ReviewReply(
                status: 404, body: AdmissionReviewCodec.errorBody("no webhook at \(path); use /validate or /mutate"),
                allowed: false)
        }
        if constantAllow {
            let uid = AdmissionReviewCodec.quickUID(body) ?? ""
            ThreadCPUSpin.spin(nanoseconds: constantAllowCostNanoseconds)
            return ReviewReply(
                status: 200,
                body: AdmissionReviewCodec.encode(uid: uid, decision: .init(allowed: true), includePatch: false),
                allowed: true)
        }
        let request: AdmissionRequest
        do throws(AdmissionReviewCodec.Malformed) {
            request = try AdmissionReviewCodec.decode(body)
        } catch {
            return ReviewReply(
                status: 400, body: AdmissionReviewCodec.errorBody(error.description), allowed: false,
                logLine: "bad AdmissionReview on \(path): \(error.description)")
        }
        let decision = controller.decide(request, mode: mode)
        var decisions: [RuleDecision] = []
        for v in decision.verdicts {
            let outcome: String
            switch v.action {
            case .enforce: outcome = decision.allowed ? "warn" : "deny"
            case .warn: outcome = "warn"
            case .audit: outcome = "audit"
            }
            decisions.append(RuleDecision(rule: v.rule, outcome: outcome))
        }
        for op in decision.patch { decisions.append(RuleDecision(rule: op.rule, outcome: "mutate")) }
        return ReviewReply(
            status: 200,
            body: AdmissionReviewCodec.encode(uid: request.uid, decision: decision, includePatch: mode == .mutate),
            allowed: decision.allowed, decisions: decisions)
    }

    public func timedOut(body: UnsafeRawBufferPointer, path: String) -> ReviewReply {
        let uid = AdmissionReviewCodec.quickUID(body) ?? ""
        let decision = controller.timeoutDecision()
        return ReviewReply(
            status: 200, body: AdmissionReviewCodec.encode(uid: uid, decision: decision, includePatch: false),
            allowed: decision.allowed,
            decisions: [RuleDecision(rule: "timeout", outcome: decision.allowed ? "allow" : "deny")],
            logLine: "review on \(path) answered by failurePolicy: it waited past the deadline")
    }
}
