import Testing
@testable import TriageGateway

@Suite("Gateway metrics")
struct MetricsTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a\\b", "a\\\\b"),
        ("say \"hi\"", "say \\\"hi\\\""),
        ("two\nlines", "two\\nlines"),
        ("é\\\"\n✓", "é\\\\\\\"\\n✓"),
    ])
    func labelValuesAreEscapedAsTheTextFormatSays(value: String, expected: String) {
        #expect(Metrics.escape(value) == expected)
    }

    @Test func countersAndHistogramsAreExposedPerLabelSet() {
        let metrics = Metrics()
        metrics.increment("triage_requests_total", help: "Requests.", labels: [("route", "/api/triage"), ("status", "200")])
        metrics.increment("triage_requests_total", help: "Requests.", labels: [("route", "/api/triage"), ("status", "200")], by: 2)
        metrics.observe("triage_call_seconds", help: "Calls.", labels: [("method", "Get\"X")], seconds: 0.003)
        metrics.observe("triage_call_seconds", help: "Calls.", labels: [("method", "Get\"X")], seconds: 0.2)
        let text = metrics.exposition()
        #expect(text.contains("# TYPE triage_requests_total counter\n"))
        #expect(text.contains("triage_requests_total{route=\"/api/triage\",status=\"200\"} 3\n"))
        #expect(text.contains("# TYPE triage_call_seconds histogram\n"))
        #expect(text.contains("triage_call_seconds_bucket{method=\"Get\\\"X\",le=\"0.001\"} 0\n"))
        #expect(text.contains("triage_call_seconds_bucket{method=\"Get\\\"X\",le=\"0.005\"} 1\n"))
        #expect(text.contains("triage_call_seconds_bucket{method=\"Get\\\"X\",le=\"0.25\"} 2\n"))
        #expect(text.contains("triage_call_seconds_bucket{method=\"Get\\\"X\",le=\"+Inf\"} 2\n"))
        #expect(text.contains("triage_call_seconds_count{method=\"Get\\\"X\"} 2\n"))
        #expect(text.contains("triage_call_seconds_sum{method=\"Get\\\"X\"} 0.203"))
    }
}
