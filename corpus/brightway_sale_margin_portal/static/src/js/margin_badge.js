/** @odoo-module **/

import { Component, onWillStart } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

export class MarginBadge extends Component {
    static template = "brightway_sale_margin_portal.MarginBadge";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        onWillStart(async () => {
            this.summary = await this.orm.call("sale.order", "get_margin_summary", [[this.props.record.resId]]);
        });
    }
}

registry.category("view_widgets").add("margin_badge", { component: MarginBadge });
