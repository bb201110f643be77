@testable import CustomerService
import Testing
import TriageRPC

@Suite("StoreError")
struct StoreErrorTests {
    static func server(_ state: String, constraint: String? = nil, column: String? = nil) -> PostgresError {
        PostgresError(kind: .server, sqlState: state, constraint: constraint, column: column,
                      detail: "duplicate key value violates unique constraint; SELECT secret FROM customers WHERE password = 'hunter2'")
    }

    @Test(arguments: [
        (server("23505", constraint: "triage_decisions_pkey"), RPCError.Code.alreadyExists, "decision.decision_id: a different decision was already recorded under this id"),
        (server("23505", constraint: "some_new_index"), .alreadyExists, "already exists"),
        (server("23514", constraint: "chk_plan"), .invalidArgument, "plan: must be free, pro or enterprise"),
        (server("23514", constraint: "chk_decision_urgency"), .invalidArgument, "decision.urgency: must be critical, high, medium or low"),
        (server("23514"), .invalidArgument, "a value is not allowed"),
        (server("23502", column: "name"), .invalidArgument, "name: is required"),
        (server("22001"), .invalidArgument, "a value is too long"),
        (server("22P02"), .invalidArgument, "a value is not valid"),
        (server("40001"), .aborted, "a concurrent change conflicted with this one; retry"),
        (server("40P01"), .aborted, "a concurrent change conflicted with this one; retry"),
        (server("08006"), .unavailable, "PostgreSQL is unavailable"),
        (server("57P01"), .unavailable, "PostgreSQL is unavailable"),
        (server("53300"), .unavailable, "PostgreSQL is unavailable"),
        (server("57014"), .unavailable, "PostgreSQL did not answer in time"),
        (server("42P01"), .internalError, "internal error"),
        (.connection("connection to server at \"10.0.0.5\", port 5432 failed: password authentication failed"), .unavailable, "PostgreSQL is unavailable"),
        (.timeout("no answer"), .unavailable, "PostgreSQL did not answer in time"),
        (.decoding("column x is NULL"), .internalError, "internal error"),
    ])
    func mapsToAStatusWithAMessageThatLeaksNothing(error: PostgresError, code: RPCError.Code, message: String) {
        let rpc = StoreError(underlying: error).rpcError
        #expect(rpc.code == code)
        #expect(rpc.message == message)
    }
}
