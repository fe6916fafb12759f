#include "app/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace bwx::terminal {

namespace {

QPalette darkPalette()
{
    const QColor window(0x25, 0x27, 0x2b);
    const QColor base(0x1b, 0x1d, 0x20);
    const QColor alternate(0x23, 0x26, 0x2a);
    const QColor text(0xdd, 0xdf, 0xe2);
    const QColor disabledText(0x7a, 0x7e, 0x84);
    const QColor button(0x31, 0x34, 0x39);
    const QColor highlight(0x2f, 0x6f, 0xb5);

    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x33, 0x38));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3d, 0x41, 0x47));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x39, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x31));
    p.setColor(QPalette::Dark, QColor(0x16, 0x17, 0x19));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x3d, 0x42));
    return p;
}

} // namespace

std::optional<Theme> parseTheme(const QString &name)
{
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Theme::Light;
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Theme::Dark;
    return std::nullopt;
}

QString themeName(Theme theme)
{
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

void applyTheme(QApplication &app, Theme theme)
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    app.setStyle(fusion);
    app.setPalette(theme == Theme::Dark ? darkPalette() : fusion->standardPalette());
}

} // namespace bwx::terminal
