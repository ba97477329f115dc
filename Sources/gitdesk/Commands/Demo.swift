import GitdeskGit
import GitdeskStore

/// Placeholder replaced below.
struct DemoDesk {
    static let founder = Signature(name: "Николай Елатонцев", email: "lead@guild.example", time: 1_788_220_800, offsetMinutes: 180)
    let store: DeskRepository
    func build() throws {}
}
