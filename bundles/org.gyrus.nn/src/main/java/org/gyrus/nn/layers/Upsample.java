package org.gyrus.nn.layers;

import java.util.Arrays;
import java.util.Map;
import org.gyrus.nn.Tensor;

/**
 * PyTorch's {@code nn.Upsample}: to a fixed size or by a scale factor, with mode {@code nearest},
 * {@code linear}, {@code bilinear} or {@code trilinear} (the linear modes with
 * {@code align_corners} either way). The mode fixes the number of spatial axes, except nearest,
 * which follows the input.
 */
public final class Upsample extends Module {

    private final int[] size;
    private final double scaleFactor;
    private final String mode;
    private final Boolean alignCorners;

    /**
     * @param size         output size per spatial axis, or null to scale
     * @param scaleFactor  factor for every spatial axis (when size is null)
     * @param mode         nearest, linear, bilinear or trilinear
     * @param alignCorners for the linear modes (null means PyTorch's default, false)
     */
    public Upsample(int[] size, double scaleFactor, String mode, Boolean alignCorners) {
        if (!Arrays.asList("nearest", "linear", "bilinear", "trilinear").contains(mode)) {
            throw new IllegalArgumentException("Upsample: unsupported mode \"" + mode
                    + "\" (nearest, linear, bilinear, trilinear)");
        }
        if (size == null && !(scaleFactor > 0)) {
            throw new IllegalArgumentException("Upsample: give a size or a positive scale factor");
        }
        if (alignCorners != null && mode.equals("nearest")) {
            throw new IllegalArgumentException("Upsample: align_corners only applies to the linear modes");
        }
        this.size = size == null ? null : size.clone();
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /**
     * @param scaleFactor factor for every spatial axis
     * @param mode        nearest, linear, bilinear or trilinear (align_corners false)
     */
    public Upsample(double scaleFactor, String mode) {
        this(null, scaleFactor, mode, mode.equals("nearest") ? null : false);
    }

    @Override
    public Tensor forward(Tensor input) {
        int sp = input.rank() - 2;
        int expected = switch (mode) {
            case "linear" -> 1;
            case "bilinear" -> 2;
            case "trilinear" -> 3;
            default -> sp;
        };
        if (sp != expected || sp < 1 || sp > 3) {
            throw new IllegalArgumentException("Upsample(" + mode + "): input " + Arrays.toString(input.shape())
                    + " needs " + (expected + 2) + " axes");
        }
        int[] out = new int[sp];
        double[] scales = null;
        if (size != null) {
            out = ConvLayer.expand("size", size, sp);
        } else {
            scales = new double[sp];
            for (int i = 0; i < sp; i++) {
                out[i] = (int) Math.floor(input.dim(2 + i) * scaleFactor);
                scales[i] = scaleFactor;
            }
        }
        return input.interpolate(out, !mode.equals("nearest"), alignCorners != null && alignCorners, scales);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("Upsample", "size", size == null ? null : Options.list(size),
                "scale_factor", size == null ? scaleFactor : null, "mode", mode, "align_corners", alignCorners);
    }

    static Upsample build(Options o) {
        o.allow("size", "scale_factor", "mode", "align_corners", "recompute_scale_factor");
        o.only("recompute_scale_factor", null, "Gyrus computes positions from the scale factor as PyTorch does by default");
        int[] size = o.has("size") ? (o.raw("size") instanceof Number ? new int[] {o.integer("size")} : o.intList("size")) : null;
        return new Upsample(size, o.has("scale_factor") ? o.real("scale_factor", 0f) : 0, o.text("mode", "nearest"),
                o.has("align_corners") ? o.bool("align_corners", false) : null);
    }
}
