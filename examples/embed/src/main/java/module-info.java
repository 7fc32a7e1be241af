/** An application that multiplies its own matrices with relulab's vector-core. */
module org.example.embed {
    requires org.relulab.core;
}
