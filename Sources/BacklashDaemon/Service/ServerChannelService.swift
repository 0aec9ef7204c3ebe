import NIOCore
import ServiceLifecycle

/// Keeps a listening socket open until graceful shutdown, then stops accepting and closes it.
struct ServerChannelService: Service {
    let channel: any Channel

    func run() async throws {
        await withGracefulShutdownHandler {
            try? await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
    }
}
