import Foundation
import TriageCore

/// `GET /openapi.yaml`: the OpenAPI 3.1 document of the HTTP API, `docs/openapi.yaml`, copied into
/// the gateway's resources at build time.
enum OpenAPIDocument {
    static func load() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ConfigurationError(key: "openapi.yaml", message: "the OpenAPI document is missing from the gateway's resources")
        }
        return text
    }
}
