/// The handlers of a server, by method path.
public struct RPCRouter: Sendable {
    typealias Handler = @Sendable (_ payload: UnsafeRawBufferPointer, _ context: ServerContext) async throws -> [UInt8]

    /// Decodes the request (outside the handler, so the payload buffer need not outlive it).
    struct Route: Sendable {
        let decode: @Sendable (UnsafeRawBufferPointer) throws(ProtoDecodingError) -> any Sendable
        let handle: @Sendable (any Sendable, ServerContext) async throws -> [UInt8]
    }

    private(set) var routes: [String: Route] = [:]

    public init() {}

    public mutating func register<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        precondition(routes[method.path] == nil, "\(method.path) registered twice")
        routes[method.path] = Route(
            decode: { (bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) -> any Sendable in
                try Request(serializedBytes: bytes)
            },
            handle: { request, context in
                try await handler(request as! Request, context).serializedBytes()
            }
        )
    }

    public var methods: [String] { routes.keys.sorted() }

    subscript(path: String) -> Route? { routes[path] }
}

/// Something that adds its methods to a server's router: a generated `ServiceProtocol`.
public protocol RegistrableRPCService: Sendable {
    func registerMethods(with router: inout RPCRouter)
}

/// Where a typed client sends its calls: usually a ``ServiceChannel`` to all replicas of a service.
public protocol RPCChannel: Sendable {
    func unary<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        request: Request,
        options: CallOptions
    ) async throws(RPCError) -> Response
}
