import PalisadePolicy
import Testing

@testable import PalisadeAdmission

/// The benchmark's stand-in review burns the CPU time it is asked for: never less, and nothing
/// when asked for nothing.
@Suite("Thread CPU spin")
struct ThreadCPUSpinTests {
    @Test("spins at least the requested thread CPU time", arguments: [50_000, 2_000_000])
    func spinsAtLeast(_ nanoseconds: Int) {
        let start = ThreadCPUSpin.threadCPUNanoseconds()
        ThreadCPUSpin.spin(nanoseconds: nanoseconds)
        #expect(ThreadCPUSpin.threadCPUNanoseconds() - start >= nanoseconds)
    }

    @Test("zero and negative costs return at once")
    func zero() {
        let start = ThreadCPUSpin.threadCPUNanoseconds()
        ThreadCPUSpin.spin(nanoseconds: 0)
        ThreadCPUSpin.spin(nanoseconds: -5)
        // Two clock reads and nothing else: far below a millisecond even on a loaded CI core.
        #expect(ThreadCPUSpin.threadCPUNanoseconds() - start < 1_000_000)
    }
}

/// The constant allow the benchmark compares against: it answers allow with the request's uid and
/// reads nothing else, whether or not it burns a stand-in cost first.
@Suite("Constant-allow reviewer")
struct ConstantAllowReviewerTests {
    static let body = Array(
        #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1","object":{"kind":"Pod","spec":{"hostPID":true}}}}"#
            .utf8)

    @Test("allows with the uid, with and without a stand-in cost", arguments: [0, 200_000])
    func allows(_ cost: Int) throws {
        let controller = AdmissionController(
            policy: try AdmissionPolicy.parse(
                "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\npodSecurity: {enforce: baseline}\n",
                file: "policy.yaml"))
        let reviewer = PolicyReviewer(
            controller: controller, constantAllow: true, constantAllowCostNanoseconds: cost)
        let start = ThreadCPUSpin.threadCPUNanoseconds()
        let reply = Self.body.withUnsafeBytes { reviewer.review(body: $0, path: "/validate") }
        #expect(ThreadCPUSpin.threadCPUNanoseconds() - start >= cost)
        #expect(reply.status == 200)
        #expect(reply.allowed)
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(text.contains(#""uid":"u-1","allowed":true"#), "\(text)")
        // The same body through the policy is denied (hostPID breaks baseline): the constant allow
        // really skipped the policy.
        let policyReviewer = PolicyReviewer(controller: controller)
        #expect(!Self.body.withUnsafeBytes { policyReviewer.review(body: $0, path: "/validate") }.allowed)
    }
}
