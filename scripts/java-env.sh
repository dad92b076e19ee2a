# Sourced by the run and test scripts: makes JAVA_HOME point at a JDK 21 or newer.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}' | cut -d. -f1; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
  :
else
  JAVA_HOME=""
  candidates=""
  if command -v java >/dev/null 2>&1; then
    candidates="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  for dir in $candidates /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] && [ "$(java_major "$dir")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$dir"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "A JDK 21 or newer is needed: set JAVA_HOME to one (found none in PATH or /usr/lib/jvm)." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
