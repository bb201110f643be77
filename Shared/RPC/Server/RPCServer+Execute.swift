import TriageCore

extension RPCServer {
    /// Runs one call to its end: routes and decodes it, races the handler against the call's stop
    /// signals (deadline, cancel, disconnect, drain timeout), answers as soon as one side wins,
    /// and only then waits for a cancelled handler to actually return.
    func execute(_ call: ServerCall) async {
        let method = call.request.method
        let context = ServerContext(method: method, callID: call.id, deadline: call.deadline, metadata: Metadata(wire: call.request.metadata))
        var status = RPCError.Code.ok
        defer {
            finished(call)
            logCall(call, context: context, status: status)
        }

        guard let route = router[method] else {
            status = .unimplemented
            respond(call, .failure(RPCError(code: .unimplemented, message: "unknown method \(method)")))
            return
        }
        let decoded = call.request.payload.withUnsafeBytes { bytes -> Result<any Sendable, ProtoDecodingError> in
            do throws(ProtoDecodingError) { return .success(try route.decode(bytes)) } catch { return .failure(error) }
        }
        guard case .success(let request) = decoded else {
            status = .invalidArgument
            respond(call, .failure(RPCError(code: .invalidArgument, message: "the request payload is not a valid message for \(method)")))
            return
        }

        // The handler runs as the only child; this task waits for whichever ends the call first.
        status = await withTaskGroup(of: Void.self) { group -> RPCError.Code in
            group.addTask {
                do {
                    let response = try await ServerContext.$current.withValue(context) {
                        try await route.handle(request, context)
                    }
                    call.outcome.resume(.handled(.success(response)))
                } catch {
                    call.outcome.resume(.handled(.failure(self.rpcError(from: error, call: call))))
                }
            }
            switch await call.outcome.wait() {
            case .handled(let result):
                respond(call, result)
                if case .failure(let error) = result { return error.code }
                return .ok
            case .stopped(let reason):
                group.cancelAll()
                if case .clientDisconnected = reason {} else { respond(call, .failure(reason.rpcError)) }
                return reason.rpcError.code
            }
            // Leaving the group waits for a cancelled handler to return; the caller already has its answer.
        }
    }

    private func respond(_ call: ServerCall, _ result: Result<[UInt8], RPCError>) {
        switch result {
        case .success(let payload):
            call.connection.respond(callID: call.id, code: .ok, message: "", metadata: responseMetadata(), payload: payload, codec: codec)
        case .failure(let error):
            call.connection.respond(callID: call.id, code: error.code, message: error.message,
                                    metadata: responseMetadata(error.metadata), payload: [], codec: codec)
        }
    }

    /// What reaches the caller for an error a handler threw: never internal detail.
    private func rpcError(from error: any Error, call: ServerCall) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as any RPCErrorConvertible:
            return error.rpcError
        case is CancellationError:
            return RPCError(code: .cancelled, message: "cancelled")
        default:
            logger.error("handler failed", [
                "method": .string(call.request.method), "call_id": LogValue(call.id), "error": .string(String(describing: error)),
            ])
            return .internalError()
        }
    }

    private func logCall(_ call: ServerCall, context: ServerContext, status: RPCError.Code) {
        let level: LogLevel = switch status {
        case .internalError, .unknown, .dataLoss: .error
        case .ok where call.request.method == HealthRPC.Method.check.path: .debug
        default: .info
        }
        guard logger.isEnabled(level) else { return }
        let micros = (ContinuousClock.now - call.receivedAt).inMicroseconds
        var metadata: Logger.Metadata = [
            "method": .string(call.request.method),
            "call_id": LogValue(call.id),
            "status": .string(status.name),
            "duration_ms": .double(Double(micros) / 1000),
        ]
        if let requestID = context.requestID { metadata["request_id"] = .string(requestID) }
        logger.log(level, "rpc", metadata)
    }
}
