//! A TCP relay on 127.0.0.1 in front of a server, which a test can cut and restore: for what the
//! console does when a peer stops answering in the middle of work, without stopping the peer
//! (which the test did not start, so must not stop).

use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub struct Relay {
    port: u16,
    target: SocketAddr,
    running: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Relay {
    /// Relays a free port to `target`, an `http://host:port` address.
    pub fn start(target: &str) -> Relay {
        let authority = target.trim_start_matches("http://").trim_end_matches('/');
        let target = authority.to_socket_addrs().expect("a host:port").next().expect("an address");
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("its address").port();
        let mut relay = Relay { port, target, running: None, open: Arc::default() };
        relay.listen(listener);
        relay
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops accepting and closes every connection: from here the port refuses.
    pub fn cut(&mut self) {
        if let Some((stop, thread)) = self.running.take() {
            stop.store(true, Ordering::SeqCst);
            thread.join().expect("the relay's accept loop ends");
        }
        for stream in self.open.lock().expect("not poisoned").drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    /// Accepts again on the same port.
    pub fn restore(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the relay's port again");
        self.listen(listener);
    }

    fn listen(&mut self, listener: TcpListener) {
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let (target, open, stopped) = (self.target, Arc::clone(&self.open), Arc::clone(&stop));
        let thread = thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        if let Err(e) = relay(client, target, &open) {
                            eprintln!("relay: {e}");
                        }
                    }
                    // Polled so that `cut` is seen; the listener closes when this loop ends.
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(5)),
                    Err(e) => panic!("relay accept: {e}"),
                }
            }
        });
        self.running = Some((stop, thread));
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.cut();
    }
}

fn relay(client: TcpStream, target: SocketAddr, open: &Mutex<Vec<TcpStream>>) -> io::Result<()> {
    client.set_nonblocking(false)?;
    let server = TcpStream::connect(target)?;
    open.lock().expect("not poisoned").extend([client.try_clone()?, server.try_clone()?]);
    pipe(client.try_clone()?, server.try_clone()?);
    pipe(server, client);
    Ok(())
}

/// Copies one direction until it closes, then closes the other side's writing half.
fn pipe(mut from: TcpStream, mut to: TcpStream) {
    thread::spawn(move || {
        let _ = io::copy(&mut from, &mut to);
        let _ = to.shutdown(Shutdown::Write);
    });
}
