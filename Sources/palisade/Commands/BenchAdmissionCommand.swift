import ArgumentParser
import Foundation
import PalisadeCore
import PalisadeFormats
import PalisadePolicy

/// `palisade bench-admission REVIEW.json --config POLICY`: hidden benchmark hook for issue 6. Times
/// the policy's share of a webhook request (decode, decide, encode, freeing the request) without the network, so
/// `scripts/bench --admission` can tell the server's cost from the decision's. Prints one JSON line.
struct BenchAdmissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-admission", abstract: "Benchmark admission decisions.", shouldDisplay: false)

    @Argument(help: "An AdmissionReview request body (JSON).")
    var review: String

    @Option(name: .customLong("config"), help: "The admission policy.")
    var config: String

    @Option(help: "How many reviews to decide.")
    var iterations = 20_000

    func run() throws {
        let policy = try AdmissionPolicy.load(path: config)
        let body = try SourceBuffer.read(path: review)
        let controller = AdmissionController(policy: policy)
        var decodeNanos: UInt64 = 0
        var decideNanos: UInt64 = 0
        var encodeNanos: UInt64 = 0
        var releaseNanos: UInt64 = 0
        var bytes = 0
        for _ in 0..<iterations {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var request: AdmissionRequest? = try AdmissionReviewCodec.decode(body.bytes)
            let t1 = DispatchTime.now().uptimeNanoseconds
            var decision: AdmissionDecision? = controller.decide(request!)
            let t2 = DispatchTime.now().uptimeNanoseconds
            bytes += AdmissionReviewCodec.encode(uid: request!.uid, decision: decision!, includePatch: false).count
            let t3 = DispatchTime.now().uptimeNanoseconds
            // Freeing the request's tree is timed on its own: otherwise it lands in whichever phase
            // used the request last (encode), and the split misleads.
            request = nil
            decision = nil
            let t4 = DispatchTime.now().uptimeNanoseconds
            decodeNanos += t1 - t0
            decideNanos += t2 - t1
            encodeNanos += t3 - t2
            releaseNanos += t4 - t3
        }
        let n = Double(iterations)
        let line: [String: Any] = [
            "iterations": iterations, "body_bytes": body.count, "response_bytes": bytes / iterations,
            "decode_us": Double(decodeNanos) / n / 1000, "decide_us": Double(decideNanos) / n / 1000,
            "encode_us": Double(encodeNanos) / n / 1000, "release_us": Double(releaseNanos) / n / 1000,
            "total_us": Double(decodeNanos + decideNanos + encodeNanos + releaseNanos) / n / 1000,
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
