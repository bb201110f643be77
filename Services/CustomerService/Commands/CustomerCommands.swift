import Foundation
import TriageCore

/// The subcommands: `customer-service migrate` and `customer-service seed FILE.json`.
/// Each connects with the service's own settings, prints what it did on stdout, and exits
/// 0 on success, 1 on failure, 64 on bad usage, 78 on bad configuration.
enum CustomerCommands {
    /// Runs the subcommand named by `arguments` and exits; returns when there is none.
    static func runIfRequested(_ arguments: [String], environment: Environment = .process) async {
        guard let command = arguments.first, ["migrate", "seed"].contains(command) else { return }
        let logger: Logger
        let configuration: CustomerServiceConfiguration
        do {
            logger = try Logger(service: "customer-service", environment: environment)
            configuration = try CustomerServiceConfiguration(environment: environment)
        } catch {
            exit(status: 78, "customer-service \(command): \(error)")
        }
        do {
            switch command {
            case "migrate":
                guard arguments.count == 1 else { exit(status: 64, "usage: customer-service migrate") }
                try await migrate(configuration, logger: logger)
            default:
                guard arguments.count == 2 else { exit(status: 64, "usage: customer-service seed FILE.json") }
                try await SeedCommand(configuration: configuration, logger: logger).run(file: arguments[1])
            }
        } catch {
            exit(status: 1, "customer-service \(command): \(error)")
        }
        LogSink.standardError.flush()
        Foundation.exit(0)
    }

    private static func migrate(_ configuration: CustomerServiceConfiguration, logger: Logger) async throws {
        let outcome = try await CustomerDatabase.migrate(configuration, logger: logger)
        let applied = outcome.applied.isEmpty ? "nothing to apply" : "applied " + outcome.applied.map(String.init).joined(separator: ", ")
        print("customer-service migrate: schema at version \(outcome.version) (\(applied))")
    }

    private static func exit(status: Int32, _ message: String) -> Never {
        LogSink.standardError.flush()
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(status)
    }
}
