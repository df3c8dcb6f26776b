"""A loopback TCP relay that counts what clients send through it: what a client's
attempts cost a dependency, counted on the wire (tests of the Redis circuit
breaker put it in front of a real redis-server, where each command a client sends
arrives as one write)."""

import contextlib
import socket
import threading

__all__ = ["CountingRelay"]


class CountingRelay:
    """Listens on a free loopback port (``url_port``) and relays every connection
    to ``127.0.0.1:target_port``; ``connections`` counts those accepted,
    ``writes`` the writes clients made (a command each, unpipelined)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.connections = 0
        self.writes = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self._open += [client, upstream]
            for source, sink, counted in (
                (client, upstream, True),
                (upstream, client, False),
            ):
                threading.Thread(
                    target=self._pipe, args=(source, sink, counted), daemon=True
                ).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if counted:
                    with self._lock:
                        self.writes += 1
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._server.close()
        for end in self._open:
            with contextlib.suppress(OSError):
                end.close()
