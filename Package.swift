// swift-tools-version: 6.0
import PackageDescription

// Triage: four executables exchanging protobuf-c messages over Unix domain sockets.
// C libraries come from Debian's -dev packages through system library targets.

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(
        name: name,
        path: "Shared/CLibraries/\(name)",
        pkgConfig: pkgConfig,
        providers: [.apt([apt])]
    )
}

let package = Package(
    name: "Triage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "customer-service", targets: ["CustomerService"]),
        .executable(name: "session-service", targets: ["SessionService"]),
        .executable(name: "knowledge-service", targets: ["KnowledgeService"]),
        .executable(name: "triage-gateway", targets: ["TriageGateway"]),
        .executable(name: "triage-bench", targets: ["TriageBench"]),
        .executable(name: "triage-eval", targets: ["TriageEval"]),
        .executable(name: "rpc-test-server", targets: ["RPCTestServer"]),
    ],
    targets: [
        // MARK: C libraries (Debian packages)
        systemLibrary("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
        systemLibrary("CHiredis", pkgConfig: "hiredis", apt: "libhiredis-dev"),
        systemLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
        systemLibrary("CProtobufC", pkgConfig: "libprotobuf-c", apt: "libprotobuf-c-dev"),
        systemLibrary("CMicroHTTPD", pkgConfig: "libmicrohttpd", apt: "libmicrohttpd-dev"),
        systemLibrary("COpenBLAS", pkgConfig: "openblas", apt: "libopenblas-dev"),
        // epoll and eventfd, which Swift's Glibc module does not export (no library to link).
        .systemLibrary(name: "CLinux", path: "Shared/CLibraries/CLinux"),

        // MARK: Shared
        // The .proto contracts and the C code protoc-c generates from them (checked in;
        // Shared/Protos/generate.sh regenerates, CI checks it is current).
        .target(
            name: "TriageProtos",
            dependencies: ["CProtobufC"],
            path: "Shared/Protos",
            exclude: ["Generator", "generate.sh", "README.md", "C/include/module.modulemap"],
            sources: ["C"],
            publicHeadersPath: "C/include"
        ),
        // Logging, configuration, lifecycle, and the thread pool that runs blocking C calls.
        .target(name: "TriageCore", path: "Shared/Core", swiftSettings: swiftSettings),
        // The RPC runtime: framing, envelope, event loop, server, client, health.
        .target(
            name: "TriageRPC",
            dependencies: ["TriageCore", "TriageProtos", "CProtobufC", "CLinux"],
            path: "Shared/RPC",
            swiftSettings: swiftSettings
        ),
        // The JSON codec of the HTTP boundaries: the gateway's API bodies, knowledge-service's Qdrant calls.
        .target(name: "TriageJSON", path: "Shared/JSON", swiftSettings: swiftSettings),
        // Swift value types and typed clients/handlers for every service's messages.
        .target(
            name: "TriageContracts",
            dependencies: ["TriageRPC", "TriageProtos", "CProtobufC"],
            path: "Shared/Contracts",
            swiftSettings: swiftSettings
        ),

        // MARK: Services
        .executableTarget(
            name: "CustomerService",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "CLibPQ"],
            path: "Services/CustomerService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SessionService",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "CHiredis"],
            path: "Services/SessionService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Embedding",
            dependencies: ["COpenBLAS"],
            path: "Services/KnowledgeService/Embedding",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KnowledgeService",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "TriageJSON", "Embedding", "TriageEngine", "CCurl"],
            path: "Services/KnowledgeService",
            exclude: ["Embedding", "README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TriageEngine",
            path: "Services/TriageGateway/Engine",
            exclude: ["Tools"],
            resources: [.copy("Resources")],
            // Optimised in debug builds too: the engine is pure computation that the tests run over
            // thousands of labelled tickets and time (PropertyTests' 50 ms bound is the shipped engine's).
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .executableTarget(
            name: "TriageGateway",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "TriageJSON", "TriageEngine", "CMicroHTTPD"],
            path: "Services/TriageGateway",
            exclude: ["Engine"],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),

        // MARK: Tools
        .executableTarget(
            name: "TriageBench",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "Embedding", "TriageEngine", "COpenBLAS", "TestSupport"],
            path: "Tests/TriageBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TriageEval",
            dependencies: ["TriageEngine"],
            path: "Tests/TriageEval",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "RPCTestServer",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts"],
            path: "Tests/RPCTestServer",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SharedTests",
            dependencies: ["TriageCore", "TriageRPC", "TriageContracts", "TriageJSON", "TestSupport"],
            path: "Tests/SharedTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CustomerServiceTests",
            dependencies: ["CustomerService", "TriageCore", "TriageRPC", "TriageContracts", "TestSupport"],
            path: "Tests/CustomerServiceTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SessionServiceTests",
            dependencies: ["TriageRPC", "TriageContracts", "TestSupport"],
            path: "Tests/SessionServiceTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmbeddingTests",
            dependencies: ["Embedding"],
            path: "Tests/EmbeddingTests",
            // The Python reference implementation and the fixtures it generated (read via #filePath).
            exclude: ["Reference"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KnowledgeServiceTests",
            dependencies: ["KnowledgeService", "TriageCore", "TriageRPC", "TriageContracts", "TriageJSON", "TestSupport"],
            path: "Tests/KnowledgeServiceTests",
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageEngineTests",
            dependencies: ["TriageEngine"],
            path: "Tests/TriageEngineTests",
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TriageGatewayTests",
            dependencies: ["TriageGateway", "TriageRPC", "TriageContracts", "TriageJSON", "TestSupport"],
            path: "Tests/TriageGatewayTests",
            swiftSettings: swiftSettings
        ),
    ]
)
