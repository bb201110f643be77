import Testing
@testable import TriageGateway

@Suite("Server-Timing of one request")
struct RequestTimingsTests {
    @Test func repeatedCallsAreSummedAndCountedInFirstSeenOrder() {
        let timings = RequestTimings()
        timings.add("resolve", seconds: 0.001_5)
        timings.add("session-service.UpdateSession", seconds: 0.001)
        timings.add("session-service.UpdateSession", seconds: 0.000_25)
        timings.add("total", seconds: 0.012_345_6)
        #expect(timings.headerValue
            == #"resolve;dur=1.5, session-service.UpdateSession;dur=1.25;desc="2 calls", total;dur=12.346"#)
    }

    @Test func theWorkflowFindsTheRecordFromConcurrentChildTasks() async {
        let timings = RequestTimings()
        await RequestTimings.$current.withValue(timings) {
            async let first: Void = RequestTimings.current?.add("a", seconds: 0.002) ?? ()
            async let second: Void = RequestTimings.current?.add("a", seconds: 0.003) ?? ()
            _ = await (first, second)
        }
        RequestTimings.current?.add("outside", seconds: 1)
        #expect(timings.headerValue == #"a;dur=5.0;desc="2 calls""#)
    }
}
