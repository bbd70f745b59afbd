@echo off
rem Launcher of the genmat command line on Windows, in an installed archive (bin\ beside lib\); runs from any
rem folder. Same JVM options as bin/genmat (GENMAT_JAVA_OPTS); needs Java 17 or newer as "java" on the PATH.
setlocal
set "LIB=%~dp0..\lib"
if not exist "%LIB%\org.example.genmat.cli-*.jar" (
  echo genmat: %LIB% holds no org.example.genmat.cli jar: the installation is incomplete 1>&2
  exit /b 2
)
rem TensorFlow's C++ log lines are noise for users; must be set before the JVM starts.
if not defined TF_CPP_MIN_LOG_LEVEL set "TF_CPP_MIN_LOG_LEVEL=2"
java %GENMAT_JAVA_OPTS% -cp "%LIB%\*" org.example.genmat.cli.GenmatCli %*
exit /b %ERRORLEVEL%
