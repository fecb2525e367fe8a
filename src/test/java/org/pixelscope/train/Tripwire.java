package org.pixelscope.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payload for hostile checkpoints: it counts every time Java deserialisation or a JSON binder
 * builds one, so a test can show that loading a file that carries it never does.
 */
public final class Tripwire implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Instances built by deserialisation (readObject) or by a constructor (a JSON binder). */
    static final AtomicInteger TRIGGERED = new AtomicInteger();

    public Tripwire() {
        TRIGGERED.incrementAndGet();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TRIGGERED.incrementAndGet();
    }
}
