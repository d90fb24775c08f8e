//! How large a picture klscope can draw, checked before anything is drawn: the off-screen
//! renderers (wgpu's default limits and the CPU fallback) take at most 8192 pixels a side,
//! so `--size 8192x8192 --scale 4` is refused at once rather than after the drawing.

/// The longest side of a picture, in pixels: wgpu's default `max_texture_dimension_2d`,
/// and the CPU renderer's limit.
pub const MAX_PICTURE_SIDE: u32 = 8192;

/// A logical size and scale whose picture would be too large.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{width}x{height} at scale {scale} would be a picture of {pixels_wide}×{pixels_high} pixels; a side may have at most {MAX_PICTURE_SIDE} pixels"
)]
pub struct PictureSizeError {
    pub width: u32,
    pub height: u32,
    pub scale: f32,
    pub pixels_wide: u64,
    pub pixels_high: u64,
}

/// The picture's size in pixels for `width`×`height` logical points at `scale` pixels per
/// point, rounded as the renderers round it, or why it is too large.
pub fn picture_pixels(width: u32, height: u32, scale: f32) -> Result<(u32, u32), PictureSizeError> {
    let pixels = |points: u32| (f64::from(points) * f64::from(scale)).round().max(1.0) as u64;
    let (pixels_wide, pixels_high) = (pixels(width), pixels(height));
    let limit = u64::from(MAX_PICTURE_SIDE);
    if pixels_wide > limit || pixels_high > limit {
        return Err(PictureSizeError { width, height, scale, pixels_wide, pixels_high });
    }
    Ok((pixels_wide as u32, pixels_high as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_within_and_beyond_the_renderer() {
        assert_eq!(picture_pixels(1280, 800, 2.0), Ok((2560, 1600)));
        assert_eq!(picture_pixels(8192, 240, 1.0), Ok((8192, 240)));
        let error = picture_pixels(8192, 8192, 4.0).map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err("8192x8192 at scale 4 would be a picture of 32768×32768 pixels; a side may have at most 8192 pixels"
                .to_string())
        );
        assert!(picture_pixels(4097, 320, 2.0).is_err());
    }
}
