package dev.wenku.extraction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wenku.extraction.FrameProtocol.Request;
import dev.wenku.extraction.FrameProtocol.Response;
import dev.wenku.extraction.FrameProtocol.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FrameProtocolTest {

    @Test
    void requestsFollowEachOtherUntilTheStreamEnds() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        FrameProtocol.writeRequest(out, new Request("学习心得.docx", new byte[] {1, 2, 3}));
        FrameProtocol.writeRequest(out, new Request("empty.html", new byte[0]));

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Request first = FrameProtocol.readRequest(in, 100);
        Request second = FrameProtocol.readRequest(in, 100);

        assertEquals("学习心得.docx", first.fileName());
        assertArrayEquals(new byte[] {1, 2, 3}, first.content());
        assertEquals(0, second.content().length);
        assertNull(FrameProtocol.readRequest(in, 100));
    }

    @Test
    void responsesKeepTheirFieldsIncludingAMissingTitle() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameProtocol.writeResponse(new DataOutputStream(bytes), new Response(Status.OK, "text/html", null, "李白", "新质生产力"));

        Response response = FrameProtocol.readResponse(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 100);

        assertEquals(new Response(Status.OK, "text/html", null, "李白", "新质生产力"), response);
    }

    @Test
    void aResponseLongerThanAllowedIsRejectedBeforeItIsRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameProtocol.writeResponse(new DataOutputStream(bytes), new Response(Status.OK, "text/plain", null, null, "x".repeat(101)));

        assertThrows(IOException.class,
                () -> FrameProtocol.readResponse(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 100));
    }

    @Test
    void aRequestLargerThanAllowedIsRejected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameProtocol.writeRequest(new DataOutputStream(bytes), new Request("a.pdf", new byte[101]));

        assertThrows(IOException.class,
                () -> FrameProtocol.readRequest(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 100));
    }
}
