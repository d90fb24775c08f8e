//! The address students open, and its QR code for the terminal.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

/// "http://192.168.1.5:8080/": the bound address, or this machine's address on the local
/// network when bound to all of them (0.0.0.0).
pub fn student_url(bound: SocketAddr) -> String {
    let ip =
        if bound.ip().is_unspecified() { local_ip().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)) } else { bound.ip() };
    match ip {
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", bound.port()),
        IpAddr::V4(v4) => format!("http://{v4}:{}/", bound.port()),
    }
}

/// The address the default route leaves from. Connecting a UDP socket sends nothing: it
/// only asks the system which local address it would use (the target is a documentation
/// address, TEST-NET-1).
fn local_ip() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// `text` as a QR code of half-height blocks, light on a dark terminal, with its quiet
/// zone; None if it is too long for a QR code.
pub fn qr_text(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    Some(code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_address_is_used_as_it_is() {
        assert_eq!(student_url(SocketAddr::from(([127, 0, 0, 1], 8080))), "http://127.0.0.1:8080/");
        let any = student_url(SocketAddr::from(([0, 0, 0, 0], 9000)));
        assert!(any.starts_with("http://") && any.ends_with(":9000/") && !any.contains("0.0.0.0"), "{any}");
    }

    #[test]
    fn the_qr_code_is_square_blocks() {
        let qr = qr_text("http://192.168.1.5:8080/").expect("short text fits");
        let lines: Vec<&str> = qr.lines().collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width), "every row as wide");
        // Version 2 (25 modules) plus a 4-module quiet zone each side; two rows a line.
        assert_eq!(width, 33);
        assert_eq!(lines.len(), 17);
    }
}
