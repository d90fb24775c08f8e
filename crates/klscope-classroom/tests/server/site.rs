//! The browser build is served as static files, beside the socket.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{INDEX_HTML, TestServer};

async fn get(server: &TestServer, path: &str) -> String {
    let address = server.url.trim_start_matches("http://").trim_end_matches('/');
    let mut tcp = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    tcp.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn the_site_is_served_and_nothing_outside_it() {
    let server = TestServer::default().await;
    let index = get(&server, "/").await;
    assert!(index.starts_with("HTTP/1.1 200") && index.ends_with(INDEX_HTML), "{index}");
    let with_room = get(&server, "/?room=K7MQ").await;
    assert!(with_room.starts_with("HTTP/1.1 200") && with_room.ends_with(INDEX_HTML));
    let script = get(&server, "/app.js").await;
    assert!(script.starts_with("HTTP/1.1 200") && script.contains("javascript"), "{script}");
    std::fs::write(server.dir.path().join("secret.txt"), "not for students").unwrap();
    for outside in ["/../secret.txt", "/%2e%2e/secret.txt", "/missing.html"] {
        let response = get(&server, outside).await;
        assert!(
            !response.contains("not for students") && !response.starts_with("HTTP/1.1 200"),
            "{outside}: {response}"
        );
    }
    let socket_without_upgrade = get(&server, "/ws").await;
    assert!(!socket_without_upgrade.starts_with("HTTP/1.1 200"), "{socket_without_upgrade}");
}

#[tokio::test]
async fn a_missing_site_is_refused_before_listening() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = klscope_classroom::Config::new(dir.path().join("dist"));
    config.bind = "127.0.0.1:0".parse().unwrap();
    let error = klscope_classroom::Server::bind(config).await.err().unwrap();
    assert!(error.to_string().starts_with("there is no browser build at "), "{error}");
}
