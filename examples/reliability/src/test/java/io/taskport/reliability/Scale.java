package io.taskport.reliability;

/**
 * Short form by default, so the suite fits in {@code mvn verify}; {@code
 * -Dtaskport.reliability.long=true} runs the long form.
 */
final class Scale {
  static final boolean LONG = Boolean.getBoolean("taskport.reliability.long");

  private Scale() {}

  static int pick(int shortForm, int longForm) {
    return LONG ? longForm : shortForm;
  }
}
