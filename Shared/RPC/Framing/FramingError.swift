/// A byte stream that does not follow the framing; the connection it came from is closed.
package struct FramingError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        case emptyFrame
        case frameTooLarge(length: Int, limit: Int)
        case malformedEnvelope(length: Int)
        case invalidCallID
        case missingKind
    }
    package var kind: Kind

    package var description: String {
        switch kind {
        case .emptyFrame: "frame of length 0"
        case .frameTooLarge(let length, let limit): "frame of \(length) bytes exceeds the limit of \(limit)"
        case .malformedEnvelope(let length): "\(length)-byte frame is not a valid envelope"
        case .invalidCallID: "frame with call id 0"
        case .missingKind: "frame without request, response or cancel"
        }
    }
}
