// knowledge-service: owns Qdrant and the embedding model. For now only the embedding subcommands
// are wired; the RPC service itself is built on top of this file later (issue 6).
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
switch arguments.first {
case "embed":
    exit(await EmbedCommand.embed(Array(arguments.dropFirst()), environment: environment))
case "build-static-model":
    exit(await EmbedCommand.buildStaticModel(Array(arguments.dropFirst()), environment: environment))
default:
    FileHandle.standardError.write(Data("\(EmbedCommand.usage)\n".utf8))
    exit(2)
}
