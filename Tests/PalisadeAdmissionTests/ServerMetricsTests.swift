import Foundation
import PalisadeHTTP
import Testing

@testable import PalisadeAdmission

@Suite("Admission server metrics", .serialized)
struct ServerMetricsTests {
    @Test("Requests, decisions, verdicts, durations and connections are exposed")
    func exposition() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        _ = try await server.post("/validate")
        _ = try await server.post("/validate")
        _ = try await server.post("/mutate-deny")
        _ = try await server.get("/healthz")
        let text = String(decoding: try await server.get("/metrics").body, as: UTF8.self)
        #expect(text.contains(#"palisade_admission_requests_total{path="/validate",code="200"} 2"#))
        #expect(text.contains(#"palisade_admission_requests_total{path="/mutate-deny",code="200"} 1"#))
        #expect(text.contains(#"palisade_admission_requests_total{path="/healthz",code="200"} 1"#))
        #expect(text.contains(#"palisade_admission_decisions_total{rule="stub \"rule\"",outcome="allow"} 2"#))
        #expect(text.contains(#"palisade_admission_decisions_total{rule="stub \"rule\"",outcome="deny"} 1"#))
        #expect(text.contains(#"palisade_admission_reviews_total{allowed="true"} 2"#))
        #expect(text.contains(#"palisade_admission_reviews_total{allowed="false"} 1"#))
        #expect(text.contains(#"palisade_admission_request_duration_seconds_bucket{le="0.0005"} "#))
        #expect(text.contains(#"palisade_admission_request_duration_seconds_bucket{le="+Inf"} 4"#))
        #expect(text.contains("palisade_admission_request_duration_seconds_count 4"))
        #expect(text.contains("palisade_admission_request_duration_seconds_sum "))
        #expect(text.contains("palisade_admission_timeouts_total 0"))
        #expect(text.contains("palisade_admission_rejected_connections_total 0"))
        #expect(text.contains("# TYPE palisade_admission_open_connections gauge"))
        #expect(text.contains("palisade_admission_open_connections "))
        #expect(text.contains(#"palisade_admission_certificate_reloads_total{result="ok"} 0"#))
        #expect(await serverEventually { server.server.metricsText.contains("palisade_admission_open_connections 0") })
    }

    @Test("Label values are escaped; the number of path labels is bounded")
    func escapingAndCardinality() {
        #expect(PrometheusText.escape(#"a\b"c"# + "\nd") == #"a\\b\"c\nd"#)
        #expect(PrometheusText.number(0.0005) == "0.0005")
        #expect(PrometheusText.number(10) == "10")
        let metrics = ServerMetrics()
        for index in 0..<100 {
            metrics.recordRequest(path: "/p\(index)", status: 404, seconds: 0.001, review: nil, timedOut: false)
        }
        let text = metrics.text
        #expect(text.contains(#"palisade_admission_requests_total{path="other",code="404"} 68"#))
        #expect(text.contains(#"palisade_admission_request_duration_seconds_bucket{le="0.001"} 100"#))
    }
}
