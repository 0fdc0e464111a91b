/**
 * Denoising diffusion for images and volumes: noise schedules and the DDPM/DDIM step arithmetic,
 * the classical denoisers they are measured against (Gaussian smoothing, non-local means), image
 * quality (PSNR, SSIM) and noise-level estimates. Plain Java on primitive arrays; the nodes are in
 * {@code org.gyrus.diffusion.nodes}.
 */
package org.gyrus.diffusion;
