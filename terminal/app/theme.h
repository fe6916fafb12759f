#pragma once
#include <QString>
#include <optional>

class QApplication;

namespace bwx::terminal {

enum class Theme { Light, Dark };

std::optional<Theme> parseTheme(const QString &name); // "light" | "dark"
QString themeName(Theme theme);
// Fusion with its standard palette, or with our dark one (Qt 6.4 has no colour-scheme API).
void applyTheme(QApplication &app, Theme theme);

} // namespace bwx::terminal
