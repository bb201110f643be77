import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

@Suite("customer-service seed", .timeLimit(.minutes(2)))
struct SeedCommandTests {
    static func seed(_ file: String, into database: PostgresClient) async throws -> TestCommand.Output {
        try await TestCommand.run(TestPaths.executable("customer-service"), ["seed", file], environment: database.environment)
    }

    @Test func theDemoFileLoadsIdempotently() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "seed_demo")
        let file = TestPaths.repositoryRoot + "/deploy/demo/customers.json"
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])["customers"] as? [[String: Any]]
        let count = try #require(entries?.count)
        #expect((40...80).contains(count))
        let first = try await Self.seed(file, into: database)
        #expect(first.status == 0 && first.text.contains("(\(count) created, 0 updated)"), "\(first.text)")
        let second = try await Self.seed(file, into: database)
        #expect(second.status == 0 && second.text.contains("(0 created, \(count) updated)"), "\(second.text)")
        #expect(try await database.query("SELECT count(*), count(DISTINCT plan), count(DISTINCT region) FROM customers") == [["\(count)", "3", "4"]])
        // Read back through the service, as the gateway would.
        let fixture = try await CustomerFixture.start(database: database)
        let customer = try #require(try await fixture.client.getCustomer(GetCustomerRequest(customerID: "customer_001")).customer)
        let json = try #require(entries?.first)
        #expect(customer.name == json["name"] as? String && customer.email == json["email"] as? String)
        #expect(customer.plan.storedNameForTest == json["plan"] as? String && Int(customer.tenureMonths) == json["tenure_months"] as? Int)
        await fixture.shutdown()
        try await database.dropDatabase()
    }

    @Test func aLargeFilePrintsAProgressLinePerThousandRows() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "seed_large")
        let directory = try TestPaths.makeTemporaryDirectory("seed")
        let customers = (1...2500).map { index in
            ["id": "bulk_\(index)", "name": "Customer \(index)", "email": "c\(index)@bulk.example",
             "plan": ["free", "pro", "enterprise"][index % 3], "tenure_months": index % 60] as [String: Any]
        }
        let file = directory + "/customers.json"
        try JSONSerialization.data(withJSONObject: ["customers": customers]).write(to: URL(fileURLWithPath: file))
        let output = try await Self.seed(file, into: database)
        #expect(output.status == 0, "\(output.text)")
        let progress = output.text.split(separator: "\n").filter { $0.hasPrefix("customer-service seed: ") && $0.hasSuffix("/2500 customers") }
        #expect(progress == ["customer-service seed: 1000/2500 customers", "customer-service seed: 2000/2500 customers",
                             "customer-service seed: 2500/2500 customers"])
        #expect(try await database.query("SELECT count(*), min(seats), max(seats) FROM customers") == [["2500", "1", "1"]])
        try await database.dropDatabase()
    }

    @Test func anInvalidFileWritesNothingAndSaysWhere() async throws {
        let database = try await PostgresClient.fromTestEnvironment().createDatabase(prefix: "seed_bad")
        let directory = try TestPaths.makeTemporaryDirectory("seed")
        let good = #"{"id": "a", "name": "A", "email": "a@x.example", "plan": "pro", "tenure_months": 1}"#
        let cases = [
            ("customers[1].email", #"{"customers": [\#(good), {"id": "b", "name": "B", "email": "nope", "plan": "pro", "tenure_months": 1}]}"#),
            ("customers[1].plan", #"{"customers": [\#(good), {"id": "b", "name": "B", "email": "b@x.example", "plan": "gold", "tenure_months": 1}]}"#),
            ("customers[1].id: repeats customers[0].id", #"{"customers": [\#(good), \#(good)]}"#),
            ("customers[0].name is missing", #"{"customers": [{"id": "b", "email": "b@x.example", "plan": "pro", "tenure_months": 1}]}"#),
            ("not valid JSON", #"{"customers": ["#),
        ]
        for (index, (expected, json)) in cases.enumerated() {
            let file = "\(directory)/bad-\(index).json"
            try json.write(toFile: file, atomically: true, encoding: .utf8)
            let output = try await Self.seed(file, into: database)
            #expect(output.status == 1 && output.text.contains(expected), "\(expected): \(output.text)")
        }
        let missing = try await Self.seed("\(directory)/none.json", into: database)
        #expect(missing.status == 1 && missing.text.contains("cannot read"))
        // The file is checked before anything is written, migrations included.
        #expect(try await database.query("SELECT to_regclass('customers') IS NULL") == [["t"]])
        try await database.dropDatabase()
    }
}
