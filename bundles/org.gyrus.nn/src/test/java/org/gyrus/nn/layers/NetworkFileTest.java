package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.gyrus.nn.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network files: round trips of every layer type, and clear errors for files that do not fit. */
class NetworkFileTest {

    @TempDir
    Path dir;

    /** The U-Net of networks.json's "unet2d", with Gyrus's own initialisation (seed 2024). */
    static UNet gyrusUNet() {
        return new UNet(new UNet.Config(2, 1, 1, new int[] {4, 8, 8}, new int[] {1}, true, 2, 2, true, 0f),
                new Random(2024));
    }

    /**
     * The committed unet_gyrus.safetensors (which gen_conv_refs.py runs in PyTorch) is exactly what
     * this code writes; run with {@code -Dgyrus.nn.regenerate=true} to rewrite it after a change.
     */
    @Test
    void committedGyrusNetworkFileIsWhatGyrusWrites() throws IOException {
        Path committed = Reference.file("unet_gyrus.safetensors");
        if (Boolean.getBoolean("gyrus.nn.regenerate")) {
            NetworkFile.save(gyrusUNet(), committed, Map.of("gyrus.note", "written by NetworkFileTest; rerun gen_conv_refs.py"));
        }
        Path fresh = dir.resolve("unet.safetensors");
        NetworkFile.save(gyrusUNet(), fresh, Map.of("gyrus.note", "written by NetworkFileTest; rerun gen_conv_refs.py"));
        assertEquals(Safetensors.readMetadata(committed), Safetensors.readMetadata(fresh));
        assertEquals(Safetensors.read(committed), Safetensors.read(fresh));
    }

    private static Sequential everyLayer(Random r) {
        return new Sequential(
                new Conv2d(2, 4, new int[] {3, 2}, new int[] {1}, Padding.same(), new int[] {2, 1}, 2, true, r),
                new BatchNorm2d(4), Activation.relu(), new MaxPool2d(new int[] {2}, null, new int[] {1}, new int[] {1}, true),
                new ConvTranspose2d(4, 4, new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, 2, false, new int[] {1}, r),
                new GroupNorm(2, 4), Activation.silu(), new AvgPool2d(new int[] {2}, null, new int[] {1}, true, false, 0),
                new Upsample(null, 1.5, "bilinear", true), Activation.geluTanh(), new AdaptiveAvgPool2d(3, 2),
                new ResidualBlock(2, 4, 6, 0, 2, 0f, r), new AttentionBlock(6, 2, 3, r), Activation.leakyRelu(0.2f),
                new Dropout(0.1f, r), new Flatten(), new Linear(36, 5, r), new LayerNorm(5, 1e-4f), Activation.gelu(),
                Activation.tanh(), Activation.sigmoid(), Activation.softplus(), Activation.elu());
    }

    @Test
    void everyLayerTypeRoundTripsThroughAFile() throws IOException {
        Sequential net = everyLayer(new Random(3));
        Tensor x = Tensor.randn(new Random(4), 2, 2, 9, 7);
        net.train(true);
        net.forward(x); // updates the running statistics, which must travel too
        Path f = dir.resolve("every.safetensors");
        NetworkFile.save(net, f, Map.of("trained_on", "nothing"));
        Module back = NetworkFile.load(f);
        assertEquals(NetworkFile.describe(net), NetworkFile.describe(back));
        assertEquals("nothing", Safetensors.readMetadata(f).get("trained_on"));
        net.eval();
        assertArrayEquals(net.forward(x).data(), back.forward(x).data());
        Map<String, TensorData> state = Safetensors.read(f);
        assertEquals(org.gyrus.nn.io.DType.I64, state.get("1.num_batches_tracked").dtype());
        assertEquals(1L, state.get("1.num_batches_tracked").toLongs()[0]);
        // Every type of the format is exercised here or by the U-Nets and 3-d layers below.
        String all = NetworkFile.describe(net) + NetworkFile.describe(volumeLayers()) + NetworkFile.describe(new SinusoidalEmbedding(6))
                + NetworkFile.describe(NetworkFileTest.gyrusUNet()) + NetworkFile.describe(new ModuleList(java.util.List.of(new Conv1d(1, 1, 1, 1, 0, new Random(1)))))
                + TokenTransformerTest.describedTransformers() + NetworkFile.describe(new TransformerEncoderLayer(4, 2, 8, 0f,
                        TransformerEncoderLayer.FeedForwardActivation.RELU, false, 1e-5f, new Random(1)));
        for (String type : NetworkFile.TYPES) {
            assertTrue(all.contains("\"type\":\"" + type + "\""), "not exercised: " + type);
        }
    }

    private static Sequential volumeLayers() {
        return new Sequential(new Conv3d(1, 2, 3, 1, 1, new Random(1)), new BatchNorm3d(2), new MaxPool3d(2),
                new ConvTranspose3d(2, 2, 2, 2, 0, new Random(2)), new AvgPool3d(2), new AdaptiveAvgPool3d(1, 2, 2),
                new Upsample(new int[] {2, 3, 3}, 0, "trilinear", false));
    }

    @Test
    void volumeLayersRoundTrip() throws IOException {
        Sequential net = volumeLayers();
        Path f = dir.resolve("vol.safetensors");
        NetworkFile.save(net, f, Map.of());
        Module back = NetworkFile.load(f);
        net.eval();
        Tensor x = Tensor.randn(new Random(5), 1, 1, 6, 5, 4);
        assertArrayEquals(net.forward(x).data(), back.forward(x).data());
    }

    private Path withDescription(String description) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(NetworkFile.METADATA_KEY, description);
        Safetensors.write(f, new Linear(2, 1, new Random(1)).stateDict(), meta);
        return f;
    }

    @Test
    void unknownLayerTypeIsAClearError() throws IOException {
        Path f = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Sequential\","
                + "\"layers\":[{\"type\":\"Linear\",\"in_features\":2,\"out_features\":1},{\"type\":\"Mish\"}]}}");
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unknown layer type \"Mish\" at module.layers[1]"), e.getMessage());
    }

    @Test
    void newerVersionIsAClearError() throws IOException {
        Path f = withDescription("{\"format\":\"gyrus-network\",\"version\":2,\"module\":{\"type\":\"Linear\","
                + "\"in_features\":2,\"out_features\":1}}");
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains("version 2 was written by a newer Gyrus; this one reads versions up to 1"),
                e.getMessage());
    }

    @Test
    void badOptionNamesTheLayerAndTheOption() throws IOException {
        Path f = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Linear\","
                + "\"in_features\":\"two\",\"out_features\":1}}");
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains("Linear at module: option \"in_features\" must be an integer"), e.getMessage());
    }

    @Test
    void optionsThatWouldChangeTheMeaningAreRefusedNotIgnored() throws IOException {
        Path f = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Sequential\","
                + "\"layers\":[{\"type\":\"Conv2d\",\"in_channels\":1,\"out_channels\":1,\"kernel_size\":3,"
                + "\"padding_mode\":\"reflect\"}]}}");
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains("Conv2d at module.layers[0]: option \"padding_mode\" = reflect is not supported"),
                e.getMessage());
        Path g = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"GroupNorm\","
                + "\"num_groups\":1,\"num_channels\":2,\"epsilon\":0.1}}");
        e = assertThrows(IOException.class, () -> NetworkFile.load(g));
        assertTrue(e.getMessage().contains("GroupNorm at module: unknown option \"epsilon\""), e.getMessage());
        Path h = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"BatchNorm2d\","
                + "\"num_features\":2,\"momentum\":null}}");
        e = assertThrows(IOException.class, () -> NetworkFile.load(h));
        assertTrue(e.getMessage().contains("\"momentum\" = null (a cumulative average) is not supported"), e.getMessage());
    }

    @Test
    void weightsThatDoNotFitTheDescriptionAreNamed() throws IOException {
        Path f = withDescription("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Linear\","
                + "\"in_features\":3,\"out_features\":1}}");
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains("do not fit the described network: state does not fit Linear: weight has shape [1, 2], expected [1, 3]"),
                e.getMessage());
    }

    @Test
    void networkHeldInAModelArtifactLoadsToo() throws IOException {
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 1, new Random(1)), Activation.silu(), new Flatten());
        Map<String, Object> artifactMeta = new LinkedHashMap<>();
        artifactMeta.put("trained_by", "test");
        artifactMeta.put(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(net));
        Map<String, String> header = new LinkedHashMap<>();
        header.put("gyrus.kind", NetworkFile.ARTIFACT_KIND);
        header.put("gyrus.metadata", org.gyrus.nn.io.Json.write(artifactMeta));
        Path f = dir.resolve("artifact.safetensors");
        Safetensors.write(f, net.stateDict(), header);
        Tensor x = Tensor.randn(new Random(2), 1, 1, 4, 5);
        assertArrayEquals(net.forward(x).data(), NetworkFile.load(f).forward(x).data());
        Module rebuilt = NetworkFile.rebuild(NetworkFile.describeAsObject(net), net.stateDict());
        assertArrayEquals(net.forward(x).data(), rebuilt.forward(x).data());
    }

    @Test
    void pyTorchPaddingWordsAreUnderstood() {
        Module valid = NetworkFile.build("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Conv2d\","
                + "\"in_channels\":1,\"out_channels\":1,\"kernel_size\":3,\"padding\":\"valid\",\"padding_mode\":\"zeros\"}}");
        assertArrayEquals(new int[] {1, 1, 3, 4}, valid.forward(Tensor.zeros(1, 1, 5, 6)).shape());
        Module same = NetworkFile.build("{\"format\":\"gyrus-network\",\"version\":1,\"module\":{\"type\":\"Conv2d\","
                + "\"in_channels\":1,\"out_channels\":1,\"kernel_size\":[2,3],\"padding\":\"same\"}}");
        assertArrayEquals(new int[] {1, 1, 5, 6}, same.forward(Tensor.zeros(1, 1, 5, 6)).shape());
    }

    @Test
    void plainWeightsFileIsNotANetworkFile() throws IOException {
        Path f = dir.resolve("plain.safetensors");
        new Linear(2, 1, new Random(1)).save(f, Map.of());
        IOException e = assertThrows(IOException.class, () -> NetworkFile.load(f));
        assertTrue(e.getMessage().contains("not a network file"), e.getMessage());
    }

    @Test
    void describingAnUndescribableModuleFails() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFile.describe(new Sequential(new Linear(2, 2, new Random(1)), custom)));
        assertTrue(e.getMessage().contains("cannot be described"), e.getMessage());
    }

    @Test
    void fileIsWrittenAtomicallyAndOnlyThere() throws IOException {
        Path f = dir.resolve("n.safetensors");
        NetworkFile.save(new Linear(2, 1, new Random(1)), f, Map.of());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
