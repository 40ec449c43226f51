package io.stylegan4j.ops;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A scope of bf16 mixed precision (libtorch autocast): convolutions and matmuls run in bf16 (AMX on recent Xeons,
 * tensor cores on GPUs) while parameters, optimizer state and the ops autocast keeps in f32 stay f32. The scope
 * restores the previous autocast state of the device type on close; autocast state is per thread.
 *
 * <p>While autocast is on, libtorch caches the bf16 copy of every weight that requires grad. Like Python's
 * {@code torch.autocast}, the outermost scope clears that cache on close; without it every later training step
 * would compute with the first step's weights (AutocastTest).
 */
public final class Autocast implements AutoCloseable {
    private final DeviceType type;
    private final boolean wasEnabled;
    private final ScalarType wasDtype;
    private final boolean enabled;

    private Autocast(DeviceType type, boolean enable) {
        this(type, enable, false);
    }

    private Autocast(DeviceType type, boolean enable, boolean disable) {
        this.type = type;
        this.enabled = enable;
        this.wasEnabled = torch.is_autocast_enabled(type);
        this.wasDtype = torch.get_autocast_dtype(type);
        if (enable) {
            torch.increment_nesting();
            torch.set_autocast_dtype(type, ScalarType.BFloat16);
            torch.set_autocast_enabled(type, true);
        } else if (disable) {
            torch.set_autocast_enabled(type, false);
        }
    }

    /** bf16 autocast on {@code device}'s type when {@code enable}, else a scope that changes nothing. */
    public static Autocast bf16(Device device, boolean enable) {
        return new Autocast(device.type(), enable);
    }

    /**
     * A scope of plain f32 inside a bf16 one (the augmentation: its resampling matrices and colour transforms would
     * lose the image's low bits in bf16); closing it re-enables the outer autocast.
     */
    public static Autocast f32(Device device) {
        return new Autocast(device.type(), false, true);
    }

    @Override
    public void close() {
        torch.set_autocast_enabled(type, wasEnabled);
        torch.set_autocast_dtype(type, wasDtype);
        if (enabled && torch.decrement_nesting() == 0) torch.clear_cache();
    }
}
