/// Why a status request got no complete answer.
enum StatusClientError: Error, CustomStringConvertible {
    case timedOut(Duration)
    case closedEarly

    var description: String {
        switch self {
        case .timedOut(let limit): "timed out after \(limit)"
        case .closedEarly: "the connection closed before the end of the response"
        }
    }
}
