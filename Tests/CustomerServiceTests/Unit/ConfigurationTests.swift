@testable import CustomerService
import Testing
import TriageCore

@Suite("CustomerServiceConfiguration")
struct ConfigurationTests {
    @Test func defaultsAreTheSeeds() throws {
        let configuration = try CustomerServiceConfiguration(environment: Environment([:]))
        let postgres = configuration.postgres
        #expect(postgres.host == "postgres" && postgres.port == 5432 && postgres.database == "support_triage")
        #expect(postgres.user == "postgres" && postgres.password == "postgres" && postgres.sslMode == nil)
        #expect(configuration.poolSize == 8 && configuration.migrateOnStart)
        #expect(postgres.connectTimeout == .milliseconds(800) && postgres.queryTimeout == .seconds(5))
    }

    @Test func settingsAreReadAndHandedToLibpqAsParameters() throws {
        let configuration = try CustomerServiceConfiguration(environment: Environment([
            "POSTGRES_HOST": "/run/postgresql", "POSTGRES_PORT": "6543", "POSTGRES_DB": "db", "POSTGRES_USER": "u",
            "POSTGRES_PASSWORD": "p a's\"s", "POSTGRES_SSLMODE": "require", "POSTGRES_POOL_SIZE": "12",
            "POSTGRES_QUERY_TIMEOUT_MS": "250", "CUSTOMER_MIGRATE_ON_START": "false",
        ]))
        let parameters = Dictionary(configuration.postgres.connectionParameters.map { ($0.keyword, $0.value) }) { $1 }
        #expect(parameters["host"] == "/run/postgresql" && parameters["port"] == "6543" && parameters["dbname"] == "db")
        #expect(parameters["user"] == "u" && parameters["password"] == "p a's\"s" && parameters["sslmode"] == "require")
        #expect(parameters["options"] == "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=250")
        #expect(configuration.poolSize == 12 && !configuration.migrateOnStart)
        #expect(configuration.migrationSettings.queryTimeout == .seconds(600) && configuration.migrationSettings.connectTimeout == .seconds(5))
    }

    @Test(arguments: [("POSTGRES_PORT", "0"), ("POSTGRES_PORT", "http"), ("POSTGRES_POOL_SIZE", "0"), ("POSTGRES_POOL_SIZE", "65"),
                      ("POSTGRES_CONNECT_TIMEOUT_MS", "0"), ("POSTGRES_QUERY_TIMEOUT_MS", "-5"), ("CUSTOMER_MIGRATE_ON_START", "maybe")])
    func badValuesNameTheirVariable(key: String, value: String) {
        #expect { try CustomerServiceConfiguration(environment: Environment([key: value])) } throws: { error in
            (error as? ConfigurationError)?.key == key
        }
    }
}
