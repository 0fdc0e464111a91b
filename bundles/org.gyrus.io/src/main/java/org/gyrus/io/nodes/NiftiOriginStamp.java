package org.gyrus.io.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.gyrus.io.nifti.NiftiExtension;
import org.gyrus.io.nifti.NiftiHeader;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.pipeline.OriginReader;
import org.gyrus.pipeline.PipelineOrigin;
import org.osgi.service.component.annotations.Component;

/**
 * The pipeline stamp of NIfTI files: {@code write-volume} writes the run's {@link PipelineOrigin}
 * as a header extension with code 6 ({@code NIFTI_ECODE_COMMENT} of {@code nifti1.h}, "plain ASCII
 * text"), its content the origin document (pure ASCII JSON beginning
 * {@code {"format":"gyrus-origin"}), padded with NULs to a multiple of 16 bytes as the format asks.
 * Every NIfTI tool keeps and shows comment extensions (nibabel: {@code img.header.extensions});
 * other comments are left alone. As an {@link OriginReader} service it lets
 * {@link org.gyrus.pipeline.OriginFinder} read the stamp back.
 */
@Component(service = OriginReader.class)
public final class NiftiOriginStamp implements OriginReader {

    /** The extension code: {@code NIFTI_ECODE_COMMENT}. */
    public static final int CODE = 6;

    /** The extension that carries {@code origin}. */
    public static NiftiExtension extension(PipelineOrigin origin) {
        return new NiftiExtension(CODE, origin.toJson().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code e} is a Gyrus pipeline stamp. */
    public static boolean isStamp(NiftiExtension e) {
        return e.code() == CODE && PipelineOrigin.looksLikeOrigin(text(e));
    }

    /** {@code extensions} without any pipeline stamp, plus the stamp of {@code origin} when there is one. */
    public static List<NiftiExtension> restamped(List<NiftiExtension> extensions, Optional<PipelineOrigin> origin) {
        List<NiftiExtension> out = new ArrayList<>();
        for (NiftiExtension e : extensions) {
            if (!isStamp(e)) {
                out.add(e);
            }
        }
        origin.ifPresent(o -> out.add(extension(o)));
        return out;
    }

    /**
     * The origin stamped into a NIfTI or Analyze file ({@code .nii}, {@code .nii.gz}, {@code .hdr},
     * {@code .img}, gzipped or not); empty for other files and unstamped images.
     *
     * @throws IOException naming the file if it is not a readable NIfTI header or its stamp is damaged
     */
    @Override
    public Optional<PipelineOrigin> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (!(name.endsWith(".nii") || name.endsWith(".hdr") || name.endsWith(".img"))) {
            return Optional.empty();
        }
        NiftiHeader h = NiftiReader.readHeader(file);
        List<NiftiExtension> ext = h.extensions();
        for (int i = 0; i < ext.size(); i++) {
            if (isStamp(ext.get(i))) {
                return Optional.of(PipelineOrigin.parse(text(ext.get(i)),
                        "the pipeline stamp (NIfTI extension " + (i + 1) + ", code " + CODE + ") of " + file));
            }
        }
        return Optional.empty();
    }

    /** The content as text, without the NUL padding. */
    private static String text(NiftiExtension e) {
        byte[] c = e.content();
        int end = c.length;
        while (end > 0 && c[end - 1] == 0) {
            end--;
        }
        return new String(c, 0, end, StandardCharsets.ISO_8859_1);
    }
}
