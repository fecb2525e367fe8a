package org.pixelscope.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The process-wide filter, tried in a child JVM: a JVM allows one such filter, and installing it
 * here would also guard the other tests' JVM, hiding whether the checkpoint loader itself stays
 * clear of deserialisation.
 */
class NoDeserializationTest {

    @Test
    void theFilterRefusesEvenAHarmlessJdkClass() throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialised(new Date(0))))) {
            in.setObjectInputFilter(NoDeserialization.REJECT_ALL);
            assertThatThrownBy(in::readObject)
                    .isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("REJECTED");
        }
    }

    @Test
    void onceInstalledNoStreamInTheProcessDeserialises() throws Exception {
        String out = ChildJvm.run(List.of(Probe.class.getName()), env -> {}, 60);
        assertThat(out).contains("installed true", "again true", "refused java.io.InvalidClassException");
    }

    static byte[] serialised(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** The child JVM: installs the filter as Main does, then tries a plain ObjectInputStream. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            byte[] date = serialised(new Date(0));
            System.out.println("installed " + NoDeserialization.install());
            System.out.println("again " + NoDeserialization.install());
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(date))) {
                System.out.println("read " + in.readObject());
                System.exit(1);
            } catch (InvalidClassException e) {
                System.out.println("refused " + e);
            }
        }
    }
}
