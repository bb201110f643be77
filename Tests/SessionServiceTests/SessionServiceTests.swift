import Testing

/// Every session-service suite, one test at a time: several of them time a Redis failure to
/// the second or load 100,000 sessions, and would disturb each other on a small machine.
@Suite("session-service", .serialized)
enum SessionServiceTests {}
