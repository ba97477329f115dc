import Foundation
import GitdeskCore

/// Builds a desk from file texts, without git.
func makeDesk(_ files: [String: String]) throws -> Desk {
    var all = files
    if all["gitdesk.yml"] == nil { all["gitdesk.yml"] = "currency: RUB\nlocale: ru\n" }
    return try DeskLoader(files: all.keys.sorted().map { DeskFile(path: $0, key: $0) }) { file in
        Data(all[file.path]!.utf8)
    }.load()
}

func staffCard(_ login: String, capacity: String = "6h", role: String = "engineer") -> String {
    "---\nname: \(login)\nemail: \(login)@example.com\nrole: \(role)\ncapacity: \(capacity)\n---\n"
}

let acmeCard = "---\nname: ACME\nprefix: ACME\nrate: 2000\n---\n"

func ticketCard(client: String = "acme", approved: String? = nil) -> String {
    "---\ntitle: Task\nclient: \(client)\nstatus: in-progress\n\(approved.map { "approved: \($0)\n" } ?? "")---\n"
}
