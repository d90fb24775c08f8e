//! Draws the app off screen with wgpu and reads the pixels back: for PNG export at any
//! pixel density and for `klscope --screenshot`, with or without a window.

use eframe::egui;
use eframe::egui_wgpu::{self, RenderState, ScreenDescriptor, wgpu};
use image::RgbaImage;
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for the GPU (or Mesa's software renderer) to finish.
const WAIT: Duration = Duration::from_secs(20);

/// Why a picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("no graphics adapter for drawing off screen ({0}); on Linux install mesa-vulkan-drivers")]
    NoAdapter(String),
    #[error("drawing failed: {0}")]
    Gpu(String),
    #[error("the picture would be {0}×{1} pixels, more than the graphics adapter allows ({2})")]
    TooLarge(u32, u32, u32),
}

/// A wgpu device of its own, kept between exports (creating one takes a moment).
pub struct OffscreenRenderer {
    state: RenderState,
}

impl OffscreenRenderer {
    pub fn new() -> Result<Self, RenderError> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.instance_descriptor.backends.remove(wgpu::Backends::BROWSER_WEBGPU);
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration { wgpu_setup: setup, ..Default::default() };
        let state =
            pollster::block_on(RenderState::create(&config, &instance, None, egui_wgpu::RendererOptions::default()))
                .map_err(|e| RenderError::NoAdapter(e.to_string()))?;
        Ok(OffscreenRenderer { state })
    }

    /// Renders the shapes of one finished egui pass of `ctx` into an image of
    /// `ctx.content_rect() × pixels_per_point` pixels.
    pub fn render(&mut self, ctx: &egui::Context, mut output: egui::FullOutput) -> Result<RgbaImage, RenderError> {
        let device = &self.state.device;
        let queue = &self.state.queue;
        let ppp = output.pixels_per_point;
        let size = ctx.content_rect().size() * ppp;
        let (width, height) = (size.x.round().max(1.0) as u32, size.y.round().max(1.0) as u32);
        let limit = device.limits().max_texture_dimension_2d;
        if width > limit || height > limit {
            output.textures_delta.clear();
            return Err(RenderError::TooLarge(width, height, limit));
        }
        let screen = ScreenDescriptor { pixels_per_point: ppp, size_in_pixels: [width, height] };
        let mut renderer = self.state.renderer.write();
        for (id, deltas) in &output.textures_delta.set {
            for delta in deltas {
                renderer.update_texture(device, queue, *id, delta);
            }
        }
        let meshes = ctx.tessellate(output.shapes, ppp);
        let mut encoder =
            device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("klscope export") });
        let user_buffers = renderer.update_buffers(device, queue, &mut encoder, &meshes, &screen);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("klscope export target"),
            size: wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let background = ctx.global_style().visuals.panel_fill;
            let [r, g, b, _] = background.to_normalized_gamma_f32();
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("klscope export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color { r: r.into(), g: g.into(), b: b.into(), a: 1.0 }),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &meshes, &screen);
        }
        queue.submit(user_buffers.into_iter().chain(std::iter::once(encoder.finish())));
        for id in &output.textures_delta.free {
            renderer.free_texture(id);
        }
        let mut applied = output.textures_delta;
        applied.clear();
        drop(renderer);
        self.read_back(&texture)
    }

    fn read_back(&self, texture: &wgpu::Texture) -> Result<RgbaImage, RenderError> {
        let (device, queue) = (&self.state.device, &self.state.queue);
        let (width, height) = (texture.width(), texture.height());
        let unpadded = width as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = unpadded.div_ceil(align) * align;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("klscope export readback"),
            size: (padded * height as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder =
            device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("klscope readback") });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
        );
        let submission = queue.submit(std::iter::once(encoder.finish()));
        let slice = buffer.slice(..);
        let (sender, receiver) = mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
        device
            .poll(wgpu::PollType::Wait { submission_index: Some(submission), timeout: Some(WAIT) })
            .map_err(|e| RenderError::Gpu(e.to_string()))?;
        receiver
            .recv_timeout(WAIT)
            .map_err(|e| RenderError::Gpu(e.to_string()))?
            .map_err(|e| RenderError::Gpu(e.to_string()))?;
        let mapped = buffer.slice(..).get_mapped_range().map_err(|e| RenderError::Gpu(e.to_string()))?;
        let bgra =
            matches!(self.state.target_format, wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb);
        let mut pixels = Vec::with_capacity(unpadded * height as usize);
        for row in mapped.chunks_exact(padded) {
            for px in row[..unpadded].chunks_exact(4) {
                let [a, b, c, d] = [px[0], px[1], px[2], px[3]];
                pixels.extend_from_slice(&if bgra { [c, b, a, d] } else { [a, b, c, d] });
            }
        }
        drop(mapped);
        RgbaImage::from_raw(width, height, pixels)
            .ok_or_else(|| RenderError::Gpu("pixel buffer has the wrong size".into()))
    }
}
